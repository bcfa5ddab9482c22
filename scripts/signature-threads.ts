// The verify fast path's signature checks on worker threads (issue 13 point
// 9). In the server's main thread every promise pays for Next.js's async
// context tracking (its AsyncLocalStorage turns on Node 20's promise hooks
// for the whole process), and jose's compactVerify makes about fourteen; on
// a thread of its own the same jose call pays nothing for it, and its
// JavaScript runs beside the main thread's HTTP work. The main thread keeps
// everything else of a verification (the allow-list, the kid, the times, the
// live status view), so a token is judged by the same code as before and
// only the signature is checked elsewhere — by the same library.
//
// Messages go in batches (one per turn of each thread's event loop), and
// each key crosses once per thread (a CryptoKey is cloneable). A thread that
// dies fails the checks it held (the request answers 503
// status_unavailable, never a verdict it did not reach) and is started
// again.
import { Worker } from 'node:worker_threads';
import type { SignatureCheck, SignatureOutcome } from '@/lib/presentation';

type Pending = { resolve: (outcome: SignatureOutcome) => void; reject: (error: Error) => void };
type Thread = { worker: Worker; pending: Map<number, Pending>; keys: Set<number>; outbox: unknown[]; dead: boolean };

export type SignatureThreads = { check: SignatureCheck; close: () => Promise<void>; readonly size: number };

const WORKER_FILE = new URL('./signature-thread.mjs', import.meta.url);

export function createSignatureThreads(count: number, file: URL = WORKER_FILE): SignatureThreads {
  if (!Number.isInteger(count) || count < 1) throw new Error(`signature threads: a whole number, 1 or more (got ${count})`);
  const keyIds = new WeakMap<CryptoKey, number>();
  let nextKeyId = 0;
  let nextId = 0;
  let closed = false;
  const threads: Thread[] = [];

  function start(slot: number): Thread {
    const worker = new Worker(file);
    const thread: Thread = { worker, pending: new Map(), keys: new Set(), outbox: [], dead: false };
    worker.on('message', (batch: [number, SignatureOutcome][]) => {
      for (const [id, outcome] of batch) {
        const waiting = thread.pending.get(id);
        if (!waiting) continue;
        thread.pending.delete(id);
        waiting.resolve(outcome);
      }
    });
    const fail = (error: Error) => {
      if (thread.dead) return;
      thread.dead = true;
      for (const waiting of thread.pending.values()) waiting.reject(error);
      thread.pending.clear();
      if (!closed) threads[slot] = start(slot);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a signature thread exited (code ${code})`)));
    // The HTTP server keeps the process alive; an idle thread must not.
    worker.unref();
    return thread;
  }

  for (let slot = 0; slot < count; slot++) threads.push(start(slot));

  function send(thread: Thread, item: unknown) {
    if (thread.outbox.length === 0) {
      setImmediate(() => {
        const batch = thread.outbox;
        thread.outbox = [];
        if (!thread.dead) thread.worker.postMessage(batch);
      });
    }
    thread.outbox.push(item);
  }

  const check: SignatureCheck = (token, key) => {
    if (closed) return Promise.reject(new Error('signature threads closed'));
    // The thread with the fewest checks in hand.
    let thread = threads[0]!;
    for (const other of threads) if (other.pending.size < thread.pending.size) thread = other;
    let keyId = keyIds.get(key);
    if (keyId === undefined) {
      keyId = nextKeyId++;
      keyIds.set(key, keyId);
    }
    if (!thread.keys.has(keyId)) {
      thread.keys.add(keyId);
      send(thread, ['key', keyId, key]);
    }
    const id = nextId++;
    const target = thread;
    return new Promise<SignatureOutcome>((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      send(target, [id, token, keyId]);
    });
  };

  return {
    check,
    size: count,
    async close() {
      closed = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
