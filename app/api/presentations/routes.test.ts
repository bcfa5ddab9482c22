// The presentation endpoints against bad requests, as a table: malformed
// JSON, a JSON array, wrong types, a body over the endpoint's limit and
// another site's post each get their exact status and code, in the one
// error body {error: {code, message, params}} with a localized message, and
// never a 5xx. Verification is for other sites too: it keeps its published
// {valid: false, reason} beside the error. Then the happy paths, through
// the same handlers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { presentationFixture, type PresentationFixture } from '@/lib/presentation/testing';
import { POST as createRequest } from './requests/route';
import { GET as pollRequest } from './requests/[id]/route';
import { POST as approveRequest } from './requests/[id]/approve/route';
import { POST as declineRequest } from './requests/[id]/decline/route';
import { POST as issueToken } from './tokens/route';
import { POST as unlockCard, DELETE as closeCard } from './unlock/route';
import { POST as unlockOptions } from './unlock/options/route';
import { POST as verify } from './verify/route';

const ORIGIN = 'http://localhost:3000';
const CONTEXT = Symbol.for('arc-mobile.app-context');
const RUNTIME = Symbol.for('arc-mobile.presentation.runtime');
const holder = globalThis as Record<symbol, unknown>;

let database: TestDatabase;
let deps: PresentationFixture;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  database = await openTestDatabase();
  deps = await presentationFixture(database, { origin: ORIGIN });
  holder[RUNTIME] = Promise.resolve(deps);
  holder[CONTEXT] = Promise.resolve({
    db: database.db,
    keys: database.keys,
    clock: deps.clock,
    database,
    config: { rpId: 'localhost', origins: [ORIGIN] },
    demo: false,
  });
});

afterAll(async () => {
  delete holder[RUNTIME];
  delete holder[CONTEXT];
  deps?.statusView.dispose();
  await database?.close();
  vi.restoreAllMocks();
});

type Handler = (request: NextRequest, context?: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Endpoint = {
  name: string;
  handler: Handler;
  method: 'POST' | 'DELETE';
  path: string;
  params?: Record<string, string>;
  /** Well-formed JSON of the wrong shape for this endpoint. */
  wrongTypes: unknown;
  maxBytes: number;
  /** Verification answers other sites and adds its own fields. */
  anyOrigin?: boolean;
};

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const endpoints: Endpoint[] = [
  { name: 'requests', handler: createRequest, method: 'POST', path: '/api/presentations/requests', wrongTypes: { profile: 'everything', verifierName: 7 }, maxBytes: 2048 },
  {
    name: 'requests/[id]/approve',
    handler: approveRequest,
    method: 'POST',
    path: `/api/presentations/requests/${ID}/approve`,
    params: { id: ID },
    wrongTypes: { response: {}, deviceSignature: 42 },
    maxBytes: 64 * 1024,
  },
  {
    name: 'requests/[id]/decline',
    handler: declineRequest,
    method: 'POST',
    path: `/api/presentations/requests/${ID}/decline`,
    params: { id: ID },
    wrongTypes: { locale: 5 },
    maxBytes: 1024,
  },
  { name: 'tokens', handler: issueToken, method: 'POST', path: '/api/presentations/tokens', wrongTypes: { profile: ['full'] }, maxBytes: 1024 },
  { name: 'unlock (POST)', handler: unlockCard, method: 'POST', path: '/api/presentations/unlock', wrongTypes: { deviceSignature: { a: 1 } }, maxBytes: 64 * 1024 },
  { name: 'unlock (DELETE)', handler: closeCard, method: 'DELETE', path: '/api/presentations/unlock', wrongTypes: { cardKey: 'x' }, maxBytes: 16 * 1024 },
  { name: 'unlock/options', handler: unlockOptions, method: 'POST', path: '/api/presentations/unlock/options', wrongTypes: { credentialId: 12 }, maxBytes: 4096 },
  { name: 'verify', handler: verify, method: 'POST', path: '/api/presentations/verify', wrongTypes: { token: null }, maxBytes: 8 * 1024, anyOrigin: true },
];

function request(endpoint: Endpoint, body: string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(`${ORIGIN}${endpoint.path}`, {
    method: endpoint.method,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

async function call(endpoint: Endpoint, body: string, headers?: Record<string, string>) {
  const response = await endpoint.handler(request(endpoint, body, headers), { params: Promise.resolve(endpoint.params ?? {}) });
  const json = (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; params: Record<string, unknown> } };
  return { status: response.status, json, response };
}

type Case = [name: string, body: (e: Endpoint) => string, headers: Record<string, string>, status: number, code: string];

const cases: Case[] = [
  ['malformed JSON', () => '{"profile": ', {}, 400, 'bad_request'],
  ['bytes that are not UTF-8', () => Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]).toString('latin1'), {}, 400, 'bad_request'],
  ['a JSON array', () => '[{"token": "x"}]', {}, 400, 'invalid_input'],
  ['JSON null', () => 'null', {}, 400, 'invalid_input'],
  ['wrong types', (e) => JSON.stringify(e.wrongTypes), {}, 400, 'invalid_input'],
  ['a body over the limit', (e) => JSON.stringify({ pad: 'a'.repeat(e.maxBytes) }), {}, 413, 'payload_too_large'],
  ['XML', () => '<token/>', { 'content-type': 'application/xml' }, 415, 'unsupported_media_type'],
  ['another site (Origin)', () => '{}', { origin: 'https://evil.example' }, 403, 'cross_site'],
  ['another site (Sec-Fetch-Site)', () => '{}', { 'sec-fetch-site': 'cross-site' }, 403, 'cross_site'],
];

describe('presentation endpoints refuse bad requests with their exact code', () => {
  for (const endpoint of endpoints) {
    for (const [name, body, headers, status, code] of cases) {
      const crossSite = code === 'cross_site';
      if (crossSite && endpoint.anyOrigin) continue;
      it(`${endpoint.method} ${endpoint.name}: ${name} → ${status} ${code}`, async () => {
        const { status: got, json, response } = await call(endpoint, body(endpoint), headers);
        expect(got).toBe(status);
        expect(json.error?.code).toBe(code);
        expect(Object.keys(json.error ?? {}).sort()).toEqual(['code', 'message', 'params']);
        expect(json.error?.message).toMatch(/\S/);
        expect(json.error?.message).not.toBe(code);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
        if (endpoint.anyOrigin) {
          expect(json).toMatchObject({ valid: false, reason: status === 413 ? 'too_large' : 'bad_request' });
        } else {
          expect(Object.keys(json)).toEqual(['error']);
        }
      });
    }
  }

  it('verify answers another site like any caller', async () => {
    const verifyEndpoint = endpoints.find((e) => e.anyOrigin)!;
    const { status, json } = await call(verifyEndpoint, JSON.stringify({ token: 'a.b.c' }), { origin: 'https://bank.example', 'sec-fetch-site': 'cross-site' });
    expect(status).toBe(200);
    expect(json).toEqual({ valid: false, reason: 'malformed' });
  });

  it('answers in the language the body names', async () => {
    const endpoint = endpoints[0]!;
    const en = await call(endpoint, JSON.stringify({ profile: 'x', locale: 'en' }));
    const vi = await call(endpoint, JSON.stringify({ profile: 'x', locale: 'vi' }));
    expect(vi.json.error?.code).toBe('invalid_input');
    expect(vi.json.error?.message).not.toBe(en.json.error?.message);
  });

  it('GET requests/[id]: an id that names nothing is 404 request_not_found; an absurd one 400', async () => {
    const get = (id: string) =>
      pollRequest(new NextRequest(`${ORIGIN}/api/presentations/requests/${encodeURIComponent(id)}`), { params: Promise.resolve({ id }) });
    const missing = await get(ID);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('presentation.request_not_found');
    const absurd = await get('x'.repeat(500));
    expect(absurd.status).toBe(400);
    expect(((await absurd.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });
});

describe('presentation endpoints on the wrapper still do their work', () => {
  it('a verifier asks, polls and the holder declines', async () => {
    const created = await createRequest(
      new NextRequest(`${ORIGIN}/api/presentations/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ profile: 'age19', verifierName: 'Corner shop', locale: 'en' }),
      }),
    );
    expect(created.status).toBe(201);
    const { id, pollSecret, url } = (await created.json()) as { id: string; pollSecret: string; url: string };
    expect(url).toBe(`${ORIGIN}/card/request/${id}`);

    const poll = () =>
      pollRequest(new NextRequest(`${ORIGIN}/api/presentations/requests/${id}`, { headers: { 'x-poll-secret': pollSecret } }), {
        params: Promise.resolve({ id }),
      });
    expect(await (await poll()).json()).toMatchObject({ id, profile: 'age19', state: 'pending' });

    const declined = await declineRequest(
      new NextRequest(`${ORIGIN}/api/presentations/requests/${id}/decline`, { method: 'POST', body: JSON.stringify({ locale: 'en' }) }),
      { params: Promise.resolve({ id }) },
    );
    expect(declined.status).toBe(200);
    expect(await declined.json()).toEqual({ state: 'declined' });
    expect(await (await poll()).json()).toMatchObject({ state: 'declined' });
  });

  it('a token without an open card is 401 unlock_required', async () => {
    const { status, json } = await call(endpoints.find((e) => e.name === 'tokens')!, JSON.stringify({ profile: 'full' }));
    expect(status).toBe(401);
    expect(json.error?.code).toBe('presentation.unlock_required');
  });

  it('closing the card drops its cookie (Strict, httpOnly)', async () => {
    const response = await closeCard(new NextRequest(`${ORIGIN}/api/presentations/unlock`, { method: 'DELETE', headers: { cookie: 'arc_card=whatever' } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ unlocked: false });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^arc_card=;/);
    expect(cookie).toMatch(/Max-Age=0/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=strict/i);
  });
});
