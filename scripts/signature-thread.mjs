// One signature-checking thread (scripts/signature-threads.ts): jose's
// compactVerify, ES256 only, for the tokens the server's main thread sends.
// Plain JavaScript so that it runs as it is in a worker thread (tsx's loader
// does not reach workers). Messages in: a batch of ['key', keyId, CryptoKey]
// (each key once, before the first token that needs it) and
// [id, token, keyId]; out: a batch of [id, 'valid' | 'bad_signature' |
// 'malformed'], the same outcomes as checkSignatureHere in
// lib/presentation/verify.ts.
import { parentPort } from 'node:worker_threads';
import { compactVerify, errors } from 'jose';

const keys = new Map();
let answers = [];
let flushing = false;

function flush() {
  flushing = false;
  const batch = answers;
  answers = [];
  parentPort.postMessage(batch);
}

function answer(id, outcome) {
  answers.push([id, outcome]);
  if (!flushing) {
    flushing = true;
    setImmediate(flush);
  }
}

parentPort.on('message', (batch) => {
  for (const item of batch) {
    if (item[0] === 'key') {
      keys.set(item[1], item[2]);
      continue;
    }
    const [id, token, keyId] = item;
    const key = keys.get(keyId);
    if (!key) {
      answer(id, 'malformed');
      continue;
    }
    compactVerify(token, key, { algorithms: ['ES256'] }).then(
      () => answer(id, 'valid'),
      (error) => answer(id, error instanceof errors.JWSSignatureVerificationFailed ? 'bad_signature' : 'malformed'),
    );
  }
});
