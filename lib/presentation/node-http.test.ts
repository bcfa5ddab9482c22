// The Node fast path for POST /api/presentations/verify (scripts/server.ts)
// keeps the endpoint's published answers: 200 {valid, reason?, claims?} for
// every token judged, 400 bad_request, 413 too_large, 503 status_unavailable.
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { isVerifyRequest, MAX_VERIFY_BODY_BYTES, serveVerify, signPresentationToken, VERIFY_PATH, type PresentationDeps } from '.';
import { SECURITY_HEADERS } from '@/lib/security';
import { holder, newStatusIndex, presentationFixture, type PresentationFixture } from './testing';

let database: TestDatabase;
let deps: PresentationFixture;
let getDeps: () => Promise<PresentationDeps>;
let server: http.Server;
let url: string;
let validToken: string;

beforeAll(async () => {
  database = await openTestDatabase();
  deps = await presentationFixture(database);
  getDeps = () => Promise.resolve(deps);
  validToken = (await signPresentationToken(deps.issuer, deps.clock, { holder, statusIndex: await newStatusIndex(deps), profile: 'age19' })).token;
  // The refusal object as scripts/server.ts gives it (scripts/unreadable.ts serverErrorBody): here a stand-in that names the language it was asked in.
  server = http.createServer((req, res) =>
    serveVerify(req, res, () => getDeps(), (request, code) => ({ code, message: `${code} in ${request.headers['accept-language'] ?? 'en'}`, params: {} })),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/presentations/verify`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  deps?.statusView.dispose();
  await database?.close();
});

async function post(body: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, cache: response.headers.get('cache-control') };
}

describe('the verify fast path', () => {
  it('judges a token: 200 with the disclosed claims', async () => {
    const { status, json, cache } = await post(JSON.stringify({ token: validToken }));
    expect(status).toBe(200);
    expect(json).toMatchObject({ valid: true, claims: { profile: 'age19' } });
    expect(cache).toBe('no-store');
    expect(await post(JSON.stringify({ token: 'a.b.c' }))).toMatchObject({ status: 200, json: { valid: false, reason: 'malformed' } });
  });

  it('sends the security headers every page sends (lib/security/headers.ts), on answers and refusals alike', async () => {
    for (const body of [JSON.stringify({ token: validToken }), '{"token": ']) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
    }
  });

  it.each([
    ['not JSON', '{"token": '],
    ['empty', ''],
    ['an array', '[]'],
    ['a token of the wrong type', '{"token": 42}'],
  ])('%s: 400 bad_request', async (_name, body) => {
    expect(await post(body)).toMatchObject({ status: 400, json: { valid: false, reason: 'bad_request', error: { code: 'bad_request', params: {} } } });
  });

  it('gives each refusal the app\'s {error} object, in the language asked for; a judged token has none', async () => {
    const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'ne' }, body: '{' });
    expect(await refused.json()).toEqual({ valid: false, reason: 'bad_request', error: { code: 'bad_request', message: 'bad_request in ne', params: {} } });
    expect((await post(JSON.stringify({ token: 'a.b.c' }))).json).not.toHaveProperty('error');
  });

  it('takes JSON (or a body of no declared type) only: a form or any other type is the route handler\'s (forms read, others 415)', () => {
    const request = (type?: string, url = VERIFY_PATH, method = 'POST') => ({ method, url, headers: type === undefined ? {} : { 'content-type': type } }) as IncomingMessage;
    expect(isVerifyRequest(request('application/json'))).toBe(true);
    expect(isVerifyRequest(request('application/json; charset=utf-8'))).toBe(true);
    expect(isVerifyRequest(request())).toBe(true);
    expect(isVerifyRequest(request('application/x-www-form-urlencoded'))).toBe(false);
    expect(isVerifyRequest(request('application/xml'))).toBe(false);
    expect(isVerifyRequest(request('application/jsonx'))).toBe(false);
    expect(isVerifyRequest(request('application/json', `${VERIFY_PATH}/x`))).toBe(false);
    expect(isVerifyRequest(request('application/json', VERIFY_PATH, 'GET'))).toBe(false);
  });

  it('a body over the limit: 413 too_large', async () => {
    const body = JSON.stringify({ token: 'a'.repeat(MAX_VERIFY_BODY_BYTES) });
    expect(await post(body)).toMatchObject({ status: 413, json: { valid: false, reason: 'too_large', error: { code: 'payload_too_large' } } });
  });

  it('the service itself failing: 503 status_unavailable', async () => {
    getDeps = () => Promise.reject(new Error('down'));
    try {
      expect(await post(JSON.stringify({ token: validToken }))).toMatchObject({ status: 503, json: { valid: false, reason: 'status_unavailable', error: { code: 'database_unavailable' } } });
    } finally {
      getDeps = () => Promise.resolve(deps);
    }
  });
});
