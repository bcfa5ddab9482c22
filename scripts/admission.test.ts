// The production server's admission (scripts/admission.ts), on a real HTTP
// server and real connections: a bounded number handled at a time, the rest
// in arrival order, nobody passing the line, and a client that leaves while
// waiting never handled.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdmission, whenBodyArrived, type Admission } from './admission';

type Harness = {
  admission: Admission;
  port: number;
  started: string[];
  /** The body each handled request read, by name. */
  bodies: Map<string, string>;
  /** What whenBodyArrived handed on, by name: the body read ahead, or null past the read-ahead. */
  aheads: Map<string, string | null>;
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

/** As scripts/server.ts wires it: the body read ahead, then the line. `respond` answers a request itself. */
async function start(limit: number, respond?: (req: IncomingMessage, res: ServerResponse) => boolean, readAhead?: number): Promise<Harness> {
  const admission = createAdmission(limit);
  const started: string[] = [];
  const bodies = new Map<string, string>();
  const aheads = new Map<string, string | null>();
  const open = new Map<string, ServerResponse>();
  const server = http.createServer((req, res) =>
    whenBodyArrived(
      req,
      (ahead) => {
        aheads.set(req.url!.slice(1), ahead === null ? null : ahead.toString());
        admission.admit(req, res, () => {
          const name = req.url!.slice(1);
          started.push(name);
          const chunks: Buffer[] = [];
          req.on('data', (c: Buffer) => chunks.push(c));
          req.on('end', () => bodies.set(name, Buffer.concat(chunks).toString()));
          if (respond?.(req, res)) return;
          open.set(name, res);
        });
      },
      readAhead,
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return (harness = {
    admission,
    port,
    started,
    bodies,
    aheads,
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

  it('keeps a slow upload out of the line until its body is in, and hands the handler the whole body', async () => {
    const h = await start(1);
    // Headers and half the body, then nothing for a while.
    const slow = net.connect(h.port, '127.0.0.1');
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write('POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{"token":');
    // Someone else is handled meanwhile: the upload holds no place.
    const [other] = await arrive(h, ['other']);
    expect(h.started).toEqual(['other']);
    h.finish('other');
    expect(await other!.done).toBe(200);
    // The rest of the body: now it is handled, and reads all of it.
    slow.write('"abcde"}');
    await until(() => h.started.includes('upload'), 'the upload to start');
    await until(() => h.bodies.has('upload'), 'its body to be read');
    expect(h.bodies.get('upload')).toBe('{"token":"abcde"}');
    h.finish('upload');
    slow.destroy();
  });

  it('reads a chunked body ahead too, and one larger than the read-ahead arrives whole', async () => {
    const h = await start(1, undefined, 8);
    const chunked = net.connect(h.port, '127.0.0.1');
    await new Promise((resolve) => chunked.once('connect', resolve));
    chunked.write('POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.started).toEqual([]);
    chunked.write('6\r\n world\r\n0\r\n\r\n');
    await until(() => h.bodies.has('chunked'), 'the chunked body to be read');
    expect(h.bodies.get('chunked')).toBe('hello world');
    h.finish('chunked');

    const big = 'x'.repeat(5000);
    const request = http.request({ host: '127.0.0.1', port: h.port, path: '/big', method: 'POST', agent: false, headers: { 'content-length': big.length } });
    request.end(big);
    await until(() => h.bodies.has('big'), 'the large body to be read');
    expect(h.bodies.get('big')).toBe(big);
    h.finish('big');
    chunked.destroy();
  });

  it('hands on what it read ahead (the server checks a page form with it): the body, empty without one, null past the read-ahead', async () => {
    const h = await start(1, (req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
      return true;
    }, 64);
    const post = (path: string, body?: string) =>
      new Promise<void>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port: h.port, path, method: body === undefined ? 'GET' : 'POST', agent: false });
        request.on('response', (res) => res.resume().on('end', resolve)).on('error', reject);
        request.end(body);
      });
    await post('/small', 'a=1&b=2');
    await post('/none');
    await post('/large', 'y'.repeat(500));
    expect(Object.fromEntries(h.aheads)).toEqual({ small: 'a=1&b=2', none: '', large: null });
    // And the handler still read each whole.
    expect(h.bodies.get('small')).toBe('a=1&b=2');
    expect(h.bodies.get('large')).toBe('y'.repeat(500));
  });

  it('never handles an upload whose client hung up before its body was in', async () => {
    const h = await start(1);
    const gone = net.connect(h.port, '127.0.0.1');
    await new Promise((resolve) => gone.once('connect', resolve));
    gone.write('POST /gone HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc');
    await new Promise((resolve) => setTimeout(resolve, 20));
    gone.destroy();
    const [after] = await arrive(h, ['after']);
    h.finish('after');
    expect(await after!.done).toBe(200);
    expect(h.started).toEqual(['after']);
  });

  it('hands the place on when the handler ends its response, not when a slow reader has read it', async () => {
    const big = Buffer.alloc(32 * 1024 * 1024, 120);
    const h = await start(1, (req, res) => {
      if (req.url !== '/download') return false;
      res.end(big);
      return true;
    });
    // A client that asks for 32 MB and reads none of it.
    const reader = net.connect(h.port, '127.0.0.1');
    await new Promise((resolve) => reader.once('connect', resolve));
    reader.pause();
    reader.write('GET /download HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => h.started.includes('download'), 'the download to start');
    const [next] = await arrive(h, ['next']);
    await until(() => h.started.includes('next'), 'the next request to start while the download is unread');
    h.finish('next');
    expect(await next!.done).toBe(200);
    reader.destroy();
  });

  it('leaves a body read ahead undisturbed: it becomes a fetch Request body, as Next.js makes of it', async () => {
    const texts = new Map<string, string>();
    const h = await start(1, (req, res) => {
      if (req.url !== '/as-fetch') return false;
      expect(Readable.isDisturbed(req)).toBe(false);
      const body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
      new Request('http://x/as-fetch', { method: 'POST', body, duplex: 'half' } as RequestInit)
        .text()
        .then((text) => {
          texts.set('as-fetch', text);
          res.end('ok');
        }, (error: Error) => {
          texts.set('as-fetch', `failed: ${error.message}`);
          res.end('failed');
        });
      return true;
    });
    const request = http.request({ host: '127.0.0.1', port: h.port, path: '/as-fetch', method: 'POST', agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    request.end('registrationNumber=900101-5123456&locale=en');
    await until(() => texts.has('as-fetch'), 'the body to be read as a fetch Request');
    expect(texts.get('as-fetch')).toBe('registrationNumber=900101-5123456&locale=en');
  });
});
