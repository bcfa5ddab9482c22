// The route wrapper itself: what every endpoint inherits. The origin check,
// the size limit (whatever Content-Length claims), form posts sent back to
// their page, cookies that survive a refusal, the language of the answer,
// a handler that reads no data, and log lines that carry a request id and a
// code — never SQL, its parameters or anything a person typed.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { z } from 'zod';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { systemClock } from '@/lib/clock';
import { readConfig } from '@/lib/config';
import { coreErrors, REQUEST_ID_HEADER } from '@/lib/errors';
import { route } from './route';

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const origin = 'http://localhost:3000';
let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  const config = readConfig({ ARC_DATA_DIR: '/nonexistent', PORT: '3000' });
  holder[KEY] = Promise.resolve({ db: database.db, keys: database.keys, clock: systemClock, database, config, demo: false });
});
afterAll(async () => {
  delete holder[KEY];
  await database.close();
});
afterEach(() => vi.restoreAllMocks());

function post(body: BodyInit | null, headers: Record<string, string> = {}, path = '/api/x'): NextRequest {
  return new NextRequest(`${origin}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

const echo = route({ body: z.object({ name: z.string().max(20), locale: z.string().optional() }), maxBytes: 256 }, async ({ body, locale }) => ({
  name: body.name,
  locale,
}));

describe('route()', () => {
  it('answers a good request with the handler\'s value as no-store JSON, with a request id', async () => {
    const response = await echo(post(JSON.stringify({ name: 'Lan' })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'Lan', locale: 'en' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ['another site\'s Origin', { origin: 'https://evil.example' }, 403, 'cross_site'],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, 403, 'cross_site'],
    ['Sec-Fetch-Site same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }, 403, 'cross_site'],
    ['an opaque Origin', { origin: 'null' }, 403, 'cross_site'],
  ])('refuses a state-changing request from %s', async (_, headers, status, code) => {
    const response = await echo(post(JSON.stringify({ name: 'Lan' }), headers));
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  });

  it('takes our own origin, the configured ones, and clients that send no Origin at all', async () => {
    for (const headers of [{ origin }, { 'sec-fetch-site': 'same-origin', origin }, {}] as Record<string, string>[]) {
      expect((await echo(post(JSON.stringify({ name: 'Lan' }), headers))).status).toBe(200);
    }
  });

  it('stops reading at the size limit whatever Content-Length says (413), and never a 5xx for bad bodies', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(10_000) });
    expect((await echo(post(big))).status).toBe(413);
    const stream = new ReadableStream({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
      },
    });
    const init = { method: 'POST', body: stream, headers: { 'content-type': 'application/json', 'content-length': '10' }, duplex: 'half' };
    const lying = new NextRequest(`${origin}/api/x`, init as ConstructorParameters<typeof NextRequest>[1]);
    const answer = await echo(lying);
    expect(answer.status).toBe(413);
    expect((await answer.json()).error).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/too large/) });
    for (const [body, type, code] of [
      ['{nope', 'application/json', 'bad_request'],
      ['[1,2]', 'application/json', 'invalid_input'],
      ['{"name": 5}', 'application/json', 'invalid_input'],
      ['<a/>', 'application/xml', 'unsupported_media_type'],
    ] as const) {
      const response = await echo(post(body, { 'content-type': type }));
      expect(response.status, body).toBeLessThan(500);
      expect((await response.json()).error.code, body).toBe(code);
    }
  });

  it('answers in the request\'s language: the body\'s locale, else the remembered choice, else Accept-Language', async () => {
    const bad = JSON.stringify({ name: 5 });
    const english = (await (await echo(post(bad))).json()).error.message;
    const vi = (await (await echo(post(JSON.stringify({ name: 5, locale: 'vi' })))).json()).error.message;
    const ne = (await (await echo(post(bad, { cookie: 'NEXT_LOCALE=ne' }))).json()).error.message;
    const ar = (await (await echo(post(bad, { 'accept-language': 'ar-EG,ar;q=0.9,en;q=0.5' }))).json()).error.message;
    expect(new Set([english, vi, ne, ar]).size).toBe(4);
  });

  it('sends a failed form post back to its page with the code, and keeps cookies the handler set before failing', async () => {
    const step = route({ body: z.object({ code: z.string().regex(/^\d{6}$/) }), formPage: '/enroll/sms' }, async ({ setCookie, body }) => {
      setCookie('arc_enroll', 'token-1', { maxAge: 60 });
      if (body.code !== '123456') throw coreErrors.create('rate_limited', { minutes: 15 });
      return { ok: true };
    });
    const form = (code: string) => post(new URLSearchParams({ code, locale: 'ko' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    const wrong = await step(form('000000'));
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toBe(`${origin}/ko/enroll/sms?error=rate_limited&minutes=15`);
    expect(wrong.headers.get('set-cookie')).toContain('arc_enroll=token-1');
    const malformed = await step(form('abc'));
    expect(malformed.headers.get('location')).toBe(`${origin}/ko/enroll/sms?error=invalid_input&fields=code`);
  });

  it('opens no database for a handler that reads no data, and the staff roles are checked for those that name them', async () => {
    delete holder[KEY];
    try {
      const manifest = route({ noDatabase: true }, async () => ({ name: 'ARC Mobile' }));
      const response = await manifest(new NextRequest(`${origin}/en/manifest.webmanifest`));
      expect(await response.json()).toEqual({ name: 'ARC Mobile' });
      expect(holder[KEY]).toBeUndefined();
    } finally {
      const config = readConfig({ ARC_DATA_DIR: '/nonexistent', PORT: '3000' });
      holder[KEY] = Promise.resolve({ db: database.db, keys: database.keys, clock: systemClock, database, config, demo: false });
    }
    const staffOnly = route({ staff: ['analyst'] }, async () => ({ secret: 1 }));
    const anonymous = await staffOnly(new NextRequest(`${origin}/api/dashboard`));
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('staff.not_signed_in');
    // Asked before what was sent is read: a caller with no session learns no field names from a malformed body.
    const staffForm = route({ staff: ['officer'], body: z.object({ outcome: z.enum(['approved', 'rejected']) }) }, async () => ({ done: true }));
    const malformed = await staffForm(post(JSON.stringify({ x: 1 })));
    expect(malformed.status).toBe(401);
    expect((await malformed.json()).error).toMatchObject({ code: 'staff.not_signed_in', params: {} });
  });

  it("logs with the id the production server gave the request (the same id on Next's lines about it), and answers with it", async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    const given = 'a1b2c3d4e5f60718';
    const response = await echo(post('{', { [REQUEST_ID_HEADER]: given }));
    expect(response.headers.get('x-request-id')).toBe(given);
    expect(JSON.parse(lines.find((l) => l.includes(given))!)).toMatchObject({ requestId: given, code: 'bad_request' });
    // Anything else under that name is not an id of ours: a new one is made.
    const forged = await echo(post('{', { [REQUEST_ID_HEADER]: '{"x":"y"}' }));
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
    vi.restoreAllMocks();
  });

  it('logs a failure with its request id and code — never the SQL, its parameters or the input', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    const failing = route({ body: z.object({ name: z.string() }) }, async ({ body }) => {
      const driver = Object.assign(new Error(`Failed query: select * from residents where name = $1\nparams: ${body.name}`), { code: '23505' });
      throw driver;
    });
    const response = await failing(post(JSON.stringify({ name: 'NGUYEN THI LAN 960412-6900001' })));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toMatch(/NGUYEN|960412|select/i);
    const requestId = response.headers.get('x-request-id')!;
    const line = lines.find((l) => l.includes(requestId));
    expect(line, 'a log line names the request id').toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'error', requestId, code: 'internal', sqlState: '23505', where: 'POST /api/x' });
    expect(lines.join('\n')).not.toMatch(/NGUYEN|960412|select \*|params/i);
  });

  it('answers 503 database_unavailable, not 500, when the database is too busy to answer in time (a pool wait timing out, a lock or statement timeout)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    for (const cause of [
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
    ]) {
      const busy = route({}, async () => {
        throw new Error('Failed query', { cause });
      });
      const response = await busy(new NextRequest(`${origin}/api/x`));
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe('database_unavailable');
    }
  });
});
