import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ar from '../messages/ar.json';
import ne from '../messages/ne.json';
import { localeOfPath, mendEmptyNotFound, watchForEmptyNotFound } from './not-found-shell';

// The empty document Next.js 16 sends for notFound(), cut down: its default title, the
// stylesheet named in its payload, and a body with nothing to read.
const EMPTY =
  '<!DOCTYPE html><html id="__next_error__"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width"/>' +
  '<title>ARC Mobile — default</title></head><body><div hidden=""></div>' +
  '<script>self.__next_f.push([1,":HL[\\"/_next/static/chunks/2_9vw9x2weeqy.css\\",\\"style\\"]"])</script></body></html>';

describe('the empty 404 document, mended', () => {
  it('says the page is not there, in the reader’s language and direction, with the way home and the help line', () => {
    const html = mendEmptyNotFound(EMPTY, 'ar', { demo: false });
    expect(html).toContain('<html id="__next_error__" lang="ar" dir="rtl">');
    expect(html).toContain(`<h1 id="not-found-heading">${ar.notFound.title}</h1>`);
    expect(html).toContain(`<a class="button primary" href="/ar">${ar.notFound.home}</a>`);
    expect(html).toContain(ar.shell.helpLine.replace('{phone}', '1345'));
    expect(html).not.toContain(ar.shell.demoBanner);
    // The page's own title comes before the default one (the first is the one shown), and
    // the stylesheet its payload names is linked, both only where scripts do not run.
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    expect(head.indexOf(`<noscript><link rel="stylesheet" href="/_next/static/chunks/2_9vw9x2weeqy.css"/><title>${ar.notFound.title} · `)).toBeGreaterThan(0);
    expect(head.indexOf('<noscript>')).toBeLessThan(head.indexOf('ARC Mobile — default'));
    expect(html.indexOf('<body><noscript>')).toBeGreaterThan(0);
  });

  it('shows the demo’s notes while the server is the demo', () => {
    const html = mendEmptyNotFound(EMPTY, 'ne', { demo: true });
    expect(html).toContain(ne.shell.demoBanner);
    expect(html).toContain(ne.shell.notOfficial);
  });

  it('leaves any other document as it is', () => {
    const page = '<!DOCTYPE html><html lang="ne" dir="ltr"><head></head><body><h1>पेज भेटिएन</h1></body></html>';
    expect(mendEmptyNotFound(page, 'ne', { demo: false })).toBe(page);
  });

  it('reads the locale from the address', () => {
    expect(localeOfPath('/ne/booking/abc')).toBe('ne');
    expect(localeOfPath('/zh-CN?x=1')).toBe('zh-CN');
    expect(localeOfPath('/xx/booking')).toBeNull();
    expect(localeOfPath('/_next/static/x.js')).toBeNull();
    expect(localeOfPath(undefined)).toBeNull();
  });
});

describe('a response watched for the empty 404 document', () => {
  // Answers as Next.js does: the status and headers first, then the body in chunks, gzip when asked.
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      watchForEmptyNotFound(req, res, { demo: false });
      const url = new URL(req.url!, 'http://x');
      const status = Number(url.searchParams.get('status') ?? 404);
      const body = url.searchParams.get('body') === 'page' ? '<html lang="en"><body>a page</body></html>' : EMPTY;
      const gzip = url.searchParams.has('gzip');
      res.statusCode = status;
      res.setHeader('Content-Type', url.searchParams.get('type') ?? 'text/html; charset=utf-8');
      if (gzip) res.setHeader('Content-Encoding', 'gzip');
      const bytes = gzip ? gzipSync(body) : Buffer.from(body);
      const half = Math.floor(bytes.length / 2);
      res.write(bytes.subarray(0, half));
      setTimeout(() => res.end(bytes.subarray(half)), 5);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = async (path: string, method = 'GET') => {
    const response = await fetch(base + path, { method, headers: { 'accept-encoding': 'identity' } });
    return { status: response.status, text: await response.text() };
  };
  const getRaw = (path: string) =>
    new Promise<{ status: number; encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      http.get(base + path, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });

  it('mends it, as written, and compressed', async () => {
    const plain = await get('/ne/booking/cut-short');
    expect(plain.status).toBe(404);
    expect(plain.text).toContain(`<h1 id="not-found-heading">${ne.notFound.title}</h1>`);
    const zipped = await getRaw('/ne/booking/cut-short?gzip');
    expect(zipped.encoding).toBe('gzip');
    expect(gunzipSync(zipped.body).toString('utf8')).toContain(`<h1 id="not-found-heading">${ne.notFound.title}</h1>`);
  });

  it('passes everything else through untouched', async () => {
    expect((await get('/ne/guide?status=200')).text).toBe(EMPTY);
    expect((await get('/ne/x?body=page')).text).toBe('<html lang="en"><body>a page</body></html>');
    expect((await get('/ne/x?type=application/json')).text).toBe(EMPTY);
    expect((await get('/api/x')).text).toBe(EMPTY);
    expect((await get('/ne/x', 'POST')).text).toBe(EMPTY);
  });
});
