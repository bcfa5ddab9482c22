import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isDecodablePath, isPageFormPost, isReadableForm, refuseUndecodableActionCalls, unreadable } from './unreadable';

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
      expect(logged).toHaveLength(2);
      expect(JSON.parse(logged[0]!)).toEqual({ level: 'warn', where: 'server', code: 'action_unreadable', status: 400 });
    } finally {
      server.close();
    }
  });
});
