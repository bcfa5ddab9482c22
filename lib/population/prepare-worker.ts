// Prepares seed rows in a worker thread, so that generating and encrypting
// the next chunk overlaps with writing the previous one (the seed has two
// cores to use: this thread and the database's). Chunks are posted as COPY
// CSV (PGlite) or as rows (PostgreSQL), at most AHEAD chunks ahead of the
// writer.
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { DataKeys } from '@/lib/security';
import { prepareChunks, type PrepareJob, type PreparedChunk } from './prepare';
import { toCsv, type CsvChunk, type ResidentRow } from './writer';

const AHEAD = 2;

export type WorkerInput = { job: PrepareJob; keys: { encryption: Uint8Array; lookup: Uint8Array }; format: 'csv' | 'rows' };

export type WorkerChunk = {
  synthetic: number;
  chipCards: number;
  legacyCards: number;
  csv?: CsvChunk;
  rows?: ResidentRow[];
};

type WorkerMessage = { type: 'chunk'; chunk: WorkerChunk } | { type: 'done' } | { type: 'error'; message: string; stack?: string };

async function runInWorker(input: WorkerInput) {
  const port = parentPort!;
  const keys: DataKeys = { encryption: Buffer.from(input.keys.encryption), lookup: Buffer.from(input.keys.lookup) };
  let inflight = 0;
  let wake: (() => void) | undefined;
  port.on('message', (message: 'ack') => {
    if (message === 'ack') {
      inflight--;
      wake?.();
    }
  });
  try {
    for (const chunk of prepareChunks(input.job, keys)) {
      const out: WorkerChunk = { synthetic: chunk.synthetic, chipCards: chunk.chipCards, legacyCards: chunk.legacyCards };
      if (input.format === 'csv') out.csv = toCsv(chunk.rows);
      else out.rows = chunk.rows;
      port.postMessage({ type: 'chunk', chunk: out } satisfies WorkerMessage);
      inflight++;
      while (inflight >= AHEAD) await new Promise<void>((resolve) => (wake = resolve));
    }
    port.postMessage({ type: 'done' } satisfies WorkerMessage);
  } catch (error) {
    const e = error as Error;
    port.postMessage({ type: 'error', message: e.message, stack: e.stack } satisfies WorkerMessage);
  }
}

if (parentPort && (workerData as { arcSeedWorker?: boolean } | undefined)?.arcSeedWorker) {
  void runInWorker((workerData as { input: WorkerInput }).input).then(() => parentPort!.close());
}

/** Buffers arrive from a worker as plain Uint8Arrays: make them Buffers again. */
function reviveRows(rows: ResidentRow[]): ResidentRow[] {
  const b = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  for (const r of rows) {
    r.registrationHash = b(r.registrationHash);
    r.registrationNumberEnc = b(r.registrationNumberEnc);
    r.nameEnc = b(r.nameEnc);
    r.phoneEnc = b(r.phoneEnc);
    if (r.card.chipPublicKey) r.card.chipPublicKey = b(r.card.chipPublicKey);
  }
  return rows;
}

/**
 * Starts the worker (the source runs under tsx, which the worker registers
 * for itself) and yields its chunks. Throws at once if a worker cannot start
 * here, so the caller can prepare in its own thread instead.
 */
export async function* prepareInWorker(input: WorkerInput): AsyncGenerator<WorkerChunk & { ack(): void }> {
  const self = new URL(import.meta.url).href;
  const worker = new Worker(`import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(self)});`, {
    eval: true,
    workerData: { arcSeedWorker: true, input },
  });
  const queue: WorkerMessage[] = [];
  let notify: (() => void) | undefined;
  let failure: Error | undefined;
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    notify?.();
  });
  worker.on('error', (error) => {
    failure = error;
    notify?.();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`The seed worker stopped (exit code ${code}) before it was done`);
    notify?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (notify = resolve));
      const message = queue.shift();
      if (!message) throw failure!;
      if (message.type === 'done') return;
      if (message.type === 'error') throw Object.assign(new Error(message.message), { stack: message.stack });
      const chunk = message.chunk;
      if (chunk.rows) reviveRows(chunk.rows);
      yield { ...chunk, ack: () => worker.postMessage('ack') };
    }
  } finally {
    await worker.terminate();
  }
}
