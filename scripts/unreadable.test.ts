import fs from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { withRequestId } from './request-log';
import { answerClientError, answerUnreadable, isDecodablePath, isPageFormPost, isReadableForm, localeOfRaw, refuseUndecodableActionCalls, serverErrorBody, unreadable } from './unreadable';

describe('requests Next.js cannot read', () => {
  it('takes plain and well-encoded paths, with any query', () => {
    expect(isDecodablePath('/ne/guide/help')).toBe(true);
    expect(isDecodablePath('/ne/guide/%E0%A4%95')).toBe(true);
    expect(isDecodablePath('/en/booking?from=%E0%A4')).toBe(true);
    expect(isDecodablePath(undefined)).toBe(true);
    expect(unreadable({ method: 'GET', url: '/ne/guide/%E0%A4%95' })).toBeNull();
    expect(unreadable({ method: 'OPTIONS', url: '/api/loss' })).toBeNull();
  });

  it('finds a path cut in the middle of a character, or with a stray %', () => {
    expect(isDecodablePath('/ne/guide/%E0%A4%A')).toBe(false);
    expect(isDecodablePath('/%E0%A4')).toBe(false);
    expect(isDecodablePath('/api/booking/%zz')).toBe(false);
    expect(isDecodablePath('/en/100%')).toBe(false);
    expect(unreadable({ method: 'GET', url: '/ne/guide/%E0%A4%A' })).toEqual({ status: 400, code: 'bad_request' });
  });

  it('lets a file (a manifest, the service worker, a script) only be read', () => {
    for (const url of ['/en/manifest.webmanifest', '/serwist/sw.js', '/_next/static/chunks/a.js', '/.well-known/jwks.json']) {
      for (const method of ['POST', 'DELETE', 'PUT', 'OPTIONS']) expect(unreadable({ method, url }), `${method} ${url}`).toEqual({ status: 405, code: 'method_not_allowed' });
      for (const method of ['GET', 'HEAD']) expect(unreadable({ method, url }), `${method} ${url}`).toBeNull();
    }
    // Pages, actions and the API are not files.
    for (const url of ['/en/loss', '/a.b/verify', '/api/presentations/verify', '/api/x.json', '/c/ABC']) expect(unreadable({ method: 'POST', url }), url).toBeNull();
  });

  it('finds the methods a fetch Request refuses', () => {
    for (const method of ['TRACE', 'TRACK', 'CONNECT', 'trace']) expect(unreadable({ method, url: '/en' })).toEqual({ status: 405, code: 'method_not_allowed' });
  });

  it('checks a multipart form posted to a page as Next.js would parse it', async () => {
    const form = new FormData();
    form.set('registrationNumber', '960412-6123456');
    form.set('locale', 'ne');
    const sent = new Response(form);
    const type = sent.headers.get('content-type')!;
    expect(await isReadableForm(type, Buffer.from(await sent.arrayBuffer()))).toBe(true);
    expect(await isReadableForm('multipart/form-data; boundary=x', Buffer.from('{"x":'))).toBe(false);
    expect(await isReadableForm('multipart/form-data', Buffer.from('a=1'))).toBe(false);
    expect(await isReadableForm(type, Buffer.alloc(0))).toBe(false);
    const post = (url: string, type: string, method = 'POST') => ({ method, url, headers: { 'content-type': type } });
    expect(isPageFormPost(post('/ne/loss', 'multipart/form-data; boundary=x'))).toBe(true);
    expect(isPageFormPost(post('/api/loss', 'multipart/form-data; boundary=x'))).toBe(false);
    expect(isPageFormPost(post('/ne/loss', 'application/x-www-form-urlencoded'))).toBe(false);
    expect(isPageFormPost(post('/ne/loss', 'multipart/form-data', 'GET'))).toBe(false);
  });

  it('turns the 500 Next.js answers to an action call it cannot decode into 400, and only that', async () => {
    const logged: string[] = [];
    // As Next.js answers: a status set, then end (Node writes the head implicitly), or writeHead.
    const server = http.createServer((req, res) => {
      refuseUndecodableActionCalls(req, res, (line) => logged.push(line));
      if (req.url === '/implicit') {
        res.statusCode = 500;
        res.end('1:E{"digest":"1"}');
      } else if (req.url === '/explicit') {
        res.writeHead(500, { 'content-type': 'text/x-component' }).end();
      } else res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const call = (path: string, action: boolean) => fetch(base + path, { method: 'POST', headers: action ? { 'next-action': 'abc' } : {}, body: '[' }).then((r) => r.status);
      expect(await call('/implicit', true)).toBe(400);
      expect(await call('/explicit', true)).toBe(400);
      expect(await call('/ok', true)).toBe(200);
      expect(await call('/implicit', false)).toBe(500);
      // An empty Next-Action header is an action call too (Next.js fails an invariant on it).
      const empty = await fetch(base + '/implicit', { method: 'POST', headers: { 'next-action': '' }, body: '[]' });
      expect(empty.status).toBe(400);
      logged.pop();
      expect(logged).toHaveLength(2);
      expect(JSON.parse(logged[0]!)).toEqual({ level: 'warn', where: 'server', code: 'action_unreadable', status: 400 });
    } finally {
      server.close();
    }
  });

  it('answers in the language of the path, else of ?locale=, NEXT_LOCALE or Accept-Language (as the route wrapper does)', () => {
    const raw = (url: string, headers: Record<string, string> = {}) => ({ url, headers }) as unknown as IncomingMessage;
    expect(localeOfRaw(raw('/ne/guide/%E0%A4%A'))).toBe('ne');
    expect(localeOfRaw(raw('/api/health%E0%A4', { 'accept-language': 'ar,en;q=0.5' }))).toBe('ar');
    expect(localeOfRaw(raw('/api/health%E0%A4', { cookie: 'a=1; NEXT_LOCALE=km', 'accept-language': 'ar' }))).toBe('km');
    expect(localeOfRaw(raw('/api/x%E0?locale=ko', { cookie: 'NEXT_LOCALE=km' }))).toBe('ko');
    expect(localeOfRaw(raw('/api/x', { cookie: 'NEXT_LOCALE=zz', 'accept-language': 'zz' }))).toBe('en');
    const ko = JSON.parse(fs.readFileSync('messages/ko.json', 'utf8')) as { errors: Record<string, string> };
    expect(serverErrorBody(raw('/api/presentations/verify', { 'accept-language': 'ko-KR' }), 'payload_too_large')).toEqual({
      code: 'payload_too_large',
      message: ko.errors.payload_too_large,
      params: {},
    });
  });

  it('refuses a page post too large with 413 in the page\'s language, and logs the code with the request\'s id', async () => {
    const logged: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
    const server = http.createServer((req, res) => withRequestId(req, () => answerUnreadable(req, res, { status: 413, code: 'payload_too_large' })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const page = await fetch(`${base}/ar/loss`, { method: 'POST', body: 'x' });
      expect(page.status).toBe(413);
      const html = await page.text();
      expect(html).toContain('lang="ar" dir="rtl"');
      const ar = JSON.parse(fs.readFileSync('messages/ar.json', 'utf8')) as { errors: Record<string, string> };
      expect(html).toContain(ar.errors.payload_too_large);
      expect(JSON.parse(logged[0]!)).toMatchObject({ level: 'info', requestId: expect.stringMatching(/^[0-9a-f]{16}$/), where: 'server', code: 'payload_too_large', status: 413 });
      expect(logged[0]).not.toContain('/ar/loss');
    } finally {
      log.mockRestore();
      server.close();
    }
  });

  it("answers what Node's parser refuses (an unknown method, raw bytes in the request line) with the one error body, not a bare 400", async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    server.on('clientError', answerClientError);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.end(text));
        let answer = '';
        socket.on('data', (d) => (answer += d.toString('utf8')));
        socket.on('close', () => resolve(answer));
      });
    try {
      for (const request of ['FOO /api/health HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /api/ñ日本 HTTP/1.1\r\nHost: x\r\n\r\n']) {
        const answer = await raw(request);
        expect(answer, request).toMatch(/^HTTP\/1\.1 400 /);
        expect(answer).toContain('Content-Type: application/json');
        expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toMatchObject({ error: { code: 'bad_request', params: {} } });
      }
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
      server.close();
    }
  });
});
