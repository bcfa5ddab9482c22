// The verify fast path's signature threads (scripts/signature-threads.ts):
// the same outcome as jose on the main thread for every kind of token, the
// whole verification unchanged with the check moved, and a thread that dies
// fails only what it held (the request answers 503, not a verdict) before
// a new one takes over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { checkSignatureHere, signPresentationToken, verifyPresentation, type PresentationDeps } from '@/lib/presentation';
import { algNone, hs256WithSecret, holder, newStatusIndex, presentationFixture, withPayload, type PresentationFixture } from '@/lib/presentation/testing';
import { createSignatureThreads, type SignatureThreads } from './signature-threads';

let database: TestDatabase;
let deps: PresentationFixture;
let threads: SignatureThreads;
let key: CryptoKey;
let valid: string;

beforeAll(async () => {
  database = await openTestDatabase();
  deps = await presentationFixture(database);
  threads = createSignatureThreads(2);
  valid = (await signPresentationToken(deps.issuer, deps.clock, { holder, statusIndex: await newStatusIndex(deps), profile: 'full' })).token;
  key = (await deps.keySet.get(deps.key.kid))!;
});

afterAll(async () => {
  await threads?.close();
  deps?.statusView.dispose();
  await database?.close();
});

/** The signature with one of its middle characters changed (the last one also carries padding bits). */
function changeSignature(token: string): string {
  const at = token.length - 20;
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
}

describe('signature checks on threads', () => {
  it('reach the same outcome as jose on this thread, for every kind of token', async () => {
    const tokens = {
      valid,
      'changed payload': withPayload(valid, { sub: 'someone else' }),
      'changed signature': changeSignature(valid),
      'alg none': algNone(valid),
      HS256: hs256WithSecret(valid, 'secret'),
      'not a JWS': 'a.b.c',
      empty: '',
    };
    const here = Object.fromEntries(await Promise.all(Object.entries(tokens).map(async ([name, t]) => [name, await checkSignatureHere(t, key)])));
    const there = Object.fromEntries(await Promise.all(Object.entries(tokens).map(async ([name, t]) => [name, await threads.check(t, key)])));
    expect(there).toEqual(here);
    expect(there).toMatchObject({ valid: 'valid', 'changed payload': 'bad_signature', 'changed signature': 'bad_signature', 'not a JWS': 'malformed' });
  });

  it('answer hundreds in flight, each to its own request', async () => {
    const forged = withPayload(valid, { sub: 'x' });
    const outcomes = await Promise.all(Array.from({ length: 300 }, (_, i) => threads.check(i % 3 === 0 ? forged : valid, key)));
    outcomes.forEach((outcome, i) => expect(outcome).toBe(i % 3 === 0 ? 'bad_signature' : 'valid'));
  });

  it('leave the whole verification as it was: claims, refusals and the live status', async () => {
    const onThreads: PresentationDeps = { ...deps, checkSignature: threads.check };
    expect(await verifyPresentation(onThreads, valid)).toEqual(await verifyPresentation(deps, valid));
    expect(await verifyPresentation(onThreads, valid)).toMatchObject({ valid: true, claims: { profile: 'full' } });
    expect(await verifyPresentation(onThreads, withPayload(valid, { sub: 'x' }))).toEqual({ valid: false, reason: 'bad_signature' });
    expect(await verifyPresentation(onThreads, algNone(valid))).toEqual({ valid: false, reason: 'alg_not_allowed' });
  });

  it('a check whose thread fails says the status is unavailable, never a verdict', async () => {
    const broken: PresentationDeps = { ...deps, checkSignature: () => Promise.reject(new Error('thread gone')) };
    expect(await verifyPresentation(broken, valid)).toEqual({ valid: false, reason: 'status_unavailable' });
  });

  it('a thread that dies fails the checks it held, and a new one answers the next', async () => {
    // A stand-in thread: answers "valid" to every token but "die", on which it exits.
    const source = `import { parentPort } from 'node:worker_threads';
      parentPort.on('message', (batch) => {
        const out = [];
        for (const item of batch) { if (item[0] === 'key') continue; if (item[1] === 'die') process.exit(7); out.push([item[0], 'valid']); }
        parentPort.postMessage(out);
      });`;
    const dying = createSignatureThreads(1, new URL(`data:text/javascript,${encodeURIComponent(source)}`));
    try {
      expect(await dying.check('fine', key)).toBe('valid');
      await expect(dying.check('die', key)).rejects.toThrow(/exited \(code 7\)/);
      expect(await dying.check('fine again', key)).toBe('valid');
    } finally {
      await dying.close();
    }
  });

  it('refuses a count that is not a whole number of threads', () => {
    expect(() => createSignatureThreads(0)).toThrow(/1 or more/);
    expect(() => createSignatureThreads(1.5)).toThrow(/1 or more/);
  });
});
