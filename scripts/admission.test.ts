// The production server's admission (scripts/admission.ts), on a real HTTP
// server and real connections: a bounded number handled at a time, the rest
// in arrival order, nobody passing the line, and a client that leaves while
// waiting never handled.
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdmission, type Admission } from './admission';

type Harness = {
  admission: Admission;
  started: string[];
  /** Ends the response of `name` (a request being handled). */
  finish(name: string): void;
  /** Sends GET /name on a connection of its own; resolves with the status, or 'aborted'. */
  send(name: string): { done: Promise<number | 'aborted'>; abort(): void };
  close(): Promise<void>;
};

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(limit: number): Promise<Harness> {
  const admission = createAdmission(limit);
  const started: string[] = [];
  const open = new Map<string, ServerResponse>();
  const server = http.createServer((req, res) =>
    admission.admit(req, res, () => {
      const name = req.url!.slice(1);
      started.push(name);
      open.set(name, res);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return (harness = {
    admission,
    started,
    finish(name) {
      const res = open.get(name);
      if (!res) throw new Error(`${name} is not being handled`);
      open.delete(name);
      res.end('ok');
    },
    send(name) {
      const request = http.get({ host: '127.0.0.1', port, path: `/${name}`, agent: false });
      const done = new Promise<number | 'aborted'>((resolve) => {
        request.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        request.on('error', () => resolve('aborted'));
      });
      return { done, abort: () => request.destroy() };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** Waits (turns of the event loop, at most 5 s) until `check` holds. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Sends the requests one after another, each once the server has it: a known arrival order. */
async function arrive(h: Harness, names: string[]) {
  const sent = [];
  for (const name of names) {
    const before = h.admission.active + h.admission.waiting;
    sent.push(h.send(name));
    await until(() => h.admission.active + h.admission.waiting === before + 1, `${name} to arrive`);
  }
  return sent;
}

describe('createAdmission', () => {
  it('handles at most `limit` requests at a time; the others start in the order they came, as places free up', async () => {
    const h = await start(2);
    const sent = await arrive(h, ['a', 'b', 'c', 'd', 'e']);
    expect(h.started).toEqual(['a', 'b']);
    expect(h.admission.waiting).toBe(3);

    h.finish('b');
    await until(() => h.started.length === 3, 'c to start');
    expect(h.started).toEqual(['a', 'b', 'c']);
    h.finish('a');
    h.finish('c');
    await until(() => h.started.length === 5, 'd and e to start');
    expect(h.started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(h.admission.active).toBe(2);
    h.finish('d');
    h.finish('e');
    expect(await Promise.all(sent.map((s) => s.done))).toEqual([200, 200, 200, 200, 200]);
    await until(() => h.admission.active === 0, 'every place to be given back');
  });

  it('lets nobody pass the line: a request arriving while a place is being handed on waits behind the others', async () => {
    const h = await start(1);
    await arrive(h, ['a', 'b']);
    // 'a' finishes; its place goes to 'b' in a later turn of the loop. 'c' arrives in between.
    h.finish('a');
    const c = h.send('c');
    await until(() => h.started.includes('b'), 'b to start');
    await until(() => h.admission.waiting === 1, 'c to wait');
    expect(h.started).toEqual(['a', 'b']);
    h.finish('b');
    await until(() => h.started.includes('c'), 'c to start');
    h.finish('c');
    expect(await c.done).toBe(200);
  });

  it('never handles a request whose client left while it waited, and gives its turn to the next', async () => {
    const h = await start(1);
    const [, b, c] = await arrive(h, ['a', 'b', 'c']);
    b!.abort();
    expect(await b!.done).toBe('aborted');
    await until(() => h.admission.waiting === 1, 'b to leave the line');
    h.finish('a');
    await until(() => h.started.includes('c'), 'c to start');
    expect(h.started).toEqual(['a', 'c']);
    h.finish('c');
    expect(await c!.done).toBe(200);
  });

  it('gives the place back when a client leaves while being handled', async () => {
    const h = await start(1);
    const [a] = await arrive(h, ['a']);
    a!.abort();
    await until(() => h.admission.active === 0, 'the place to be given back');
    const [b] = await arrive(h, ['b']);
    expect(h.started).toEqual(['a', 'b']);
    h.finish('b');
    expect(await b!.done).toBe(200);
  });

  it('refuses a limit that is not a whole number of one or more', () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) expect(() => createAdmission(limit)).toThrow(RangeError);
  });
});
