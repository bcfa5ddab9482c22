// The refusals Next.js writes itself under /api go out in the API's one
// error body (scripts/api-answers.ts); every other answer passes untouched.
import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchApiRefusals } from './api-answers';

let base: string;
let server: http.Server;

beforeAll(async () => {
  // As Next.js answers: a status and end (405), an HTML page in pieces (404), an explicit head, JSON.
  server = http.createServer((req, res) => {
    watchApiRefusals(req, res, (request, code) => ({ code, message: `${code} in ${request.headers['accept-language'] ?? 'en'}`, params: {} }));
    const path = (req.url ?? '').replace(/^\/(api\/)?/, '');
    if (path === 'empty-405') {
      res.statusCode = 405;
      res.end();
    } else if (path === 'html-404') {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.write('<!DOCTYPE html><html id="__next_error__">');
      res.end('<body>404</body></html>');
    } else if (path === 'flushed-405') {
      // What Next.js does for a method a route does not export: the head flushed, then an empty end.
      res.statusCode = 405;
      res.flushHeaders();
      res.end();
    } else if (path === 'head-404') {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.write('<html>');
      res.end('</html>');
    } else if (path === 'gzip-404') {
      // Compression as Next.js wraps a response inside its handler: its writeHead sets the encoding, its write compresses.
      const { writeHead, write, end } = { writeHead: res.writeHead.bind(res), write: res.write.bind(res), end: res.end.bind(res) };
      const gzip = zlib.createGzip();
      gzip.on('data', (chunk: Buffer) => write(chunk));
      gzip.on('end', () => end());
      res.writeHead = ((status: number, ...rest: unknown[]) => {
        res.setHeader('content-encoding', 'gzip');
        return (writeHead as (...args: unknown[]) => http.ServerResponse)(status, ...rest);
      }) as typeof res.writeHead;
      res.write = ((chunk: unknown) => gzip.write(chunk as Buffer)) as typeof res.write;
      res.end = ((chunk?: unknown) => {
        if (chunk) gzip.write(chunk as Buffer);
        gzip.end();
        return res;
      }) as typeof res.end;
      res.statusCode = 404;
      res.setHeader('content-type', 'text/html');
      res.flushHeaders();
      res.write('<html>');
      res.end('</html>');
    } else if (path === 'json-400') {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"code":"invalid_input","message":"m","params":{}}}');
    } else if (path === 'ok') {
      res.setHeader('content-type', 'text/plain');
      res.end('fine');
    } else {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/html');
      res.end('<p>page</p>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('refusals Next.js writes under /api', () => {
  it('a method the route does not export: 405 in the one error body, in the asker’s language', async () => {
    const answer = await fetch(`${base}/api/empty-405`, { method: 'POST', headers: { 'accept-language': 'ne' } });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('allow')).toBeTruthy();
    expect(await answer.json()).toEqual({ error: { code: 'method_not_allowed', message: 'method_not_allowed in ne', params: {} } });
  });

  it('also when Next.js flushes the head before its empty body, or writes the head with its own headers', async () => {
    const flushed = await fetch(`${base}/api/flushed-405`, { method: 'PUT', headers: { 'accept-language': 'ko' } });
    expect(flushed.status).toBe(405);
    expect(await flushed.json()).toEqual({ error: { code: 'method_not_allowed', message: 'method_not_allowed in ko', params: {} } });
    const head = await fetch(`${base}/api/head-404`, { headers: { 'accept-language': 'km' } });
    expect(head.status).toBe(404);
    expect(head.headers.get('content-type')).toBe('application/json');
    expect(await head.json()).toEqual({ error: { code: 'not_found', message: 'not_found in km', params: {} } });
  });

  it('also under Next.js\'s compression: the error body goes out plain, and says so', async () => {
    const answer = await fetch(`${base}/api/gzip-404`, { headers: { 'accept-language': 'my', 'accept-encoding': 'gzip' } });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-encoding')).toBeNull();
    expect(await answer.json()).toEqual({ error: { code: 'not_found', message: 'not_found in my', params: {} } });
  });

  it('an address no route has: its HTML page replaced by not_found', async () => {
    const answer = await fetch(`${base}/api/html-404`, { headers: { 'accept-language': 'ar' } });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ error: { code: 'not_found', message: 'not_found in ar', params: {} } });
  });

  it('leaves JSON refusals, answers that are not refusals, and pages outside /api as they are', async () => {
    const json = await fetch(`${base}/api/json-400`);
    expect(await json.json()).toEqual({ error: { code: 'invalid_input', message: 'm', params: {} } });
    expect(await (await fetch(`${base}/api/ok`)).text()).toBe('fine');
    const page = await fetch(`${base}/en/missing`);
    expect(page.status).toBe(404);
    expect(await page.text()).toBe('<p>page</p>');
  });
});
