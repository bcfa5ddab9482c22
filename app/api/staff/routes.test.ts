// The staff passkey endpoints as route handlers, on a real test database:
// bad input is a 4xx with a code (never a 5xx), a good ceremony sets an
// httpOnly, SameSite=Lax session cookie, and the verify step's server time
// is measured (p50/p95).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { openTestDatabase, type TestDatabase } from '@/db/testing';
import { systemClock } from '@/lib/context/clock';
import { SoftAuthenticator } from '@/lib/passkeys/testing/soft-authenticator';
import { inviteStaff, seedDemoStaff, listStaff } from '@/lib/staff';
import { POST as signInOptions } from './sign-in/options/route';
import { POST as signInVerify } from './sign-in/verify/route';
import { POST as registerOptions } from './register/options/route';
import { POST as registerVerify } from './register/verify/route';

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const origin = 'http://localhost:3000';
let database: TestDatabase;

function post(path: string, body: unknown, raw = false): NextRequest {
  return new NextRequest(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });
}

beforeAll(async () => {
  database = await openTestDatabase();
  holder[KEY] = Promise.resolve({
    db: database.db,
    keys: database.keys,
    clock: systemClock,
    database,
    config: { rpId: 'localhost', origins: [origin], seedDemo: false },
  });
  await seedDemoStaff(database.db, database.keys);
});
afterAll(async () => {
  delete holder[KEY];
  await database.close();
});

async function registerOn(phone: SoftAuthenticator, handle: string) {
  const admin = (await listStaff(database.db, database.keys)).find((s) => s.role === 'admin')!;
  const invite = await inviteStaff(database.db, systemClock, database.keys, { actorId: admin.id, displayName: 'Route test', handle, role: 'officer' });
  const options = await (await registerOptions(post('/api/staff/register/options', { token: invite.token }))).json();
  const res = await registerVerify(post('/api/staff/register/verify', { token: invite.token, response: phone.register(options, { origin }) }));
  return { res, invite };
}

describe('staff passkey endpoints', () => {
  it('answer malformed JSON and wrong shapes with 400 and a code', async () => {
    for (const handler of [signInVerify, registerOptions, registerVerify]) {
      const a = await handler(post('/x', '{not json', true));
      expect(a.status).toBe(400);
      expect(await a.json()).toEqual({ error: { code: 'bad_request', params: {} } });
      const b = await handler(post('/x', { response: 'nope', token: 5 }));
      expect(b.status).toBe(400);
      expect((await b.json()).error.code).toBe('invalid_input');
    }
  });

  it('registration from an invitation sets the staff session cookie; the link then answers 409', async () => {
    const { res, invite } = await registerOn(new SoftAuthenticator(), 'route.reg@immigration.example');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^arc_staff=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);
    const again = await registerOptions(post('/api/staff/register/options', { token: invite.token }));
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('staff.invite_used');
  });

  it('the cookie is Secure behind https', async () => {
    const phone = new SoftAuthenticator();
    await registerOn(phone, 'route.secure@immigration.example');
    const options = await (await signInOptions()).json();
    const req = new NextRequest(`https://arc.example/api/staff/sign-in/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ response: phone.authenticate(options, { origin }) }),
    });
    const res = await signInVerify(req);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/i);
  });

  it('sign-in refusals are 4xx with their code', async () => {
    const phone = new SoftAuthenticator();
    await registerOn(phone, 'route.refuse@immigration.example');
    const options = await (await signInOptions()).json();
    const res = await signInVerify(post('/api/staff/sign-in/verify', { response: phone.authenticate(options, { origin, uv: false }) }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('staff.passkey_no_user_verification');
    const wrongOrigin = await signInVerify(
      post('/api/staff/sign-in/verify', { response: phone.authenticate(await (await signInOptions()).json(), { origin: 'http://evil.example' }) }),
    );
    expect((await wrongOrigin.json()).error.code).toBe('staff.passkey_wrong_origin');
  });

  it('measures the sign-in verify step (server time, p50/p95)', async () => {
    const phone = new SoftAuthenticator();
    await registerOn(phone, 'route.timing@immigration.example');
    const times: number[] = [];
    const runs = 60;
    for (let i = 0; i < runs; i++) {
      const options = await (await signInOptions()).json();
      const response = phone.authenticate(options, { origin });
      const started = performance.now();
      const res = await signInVerify(post('/api/staff/sign-in/verify', { response }));
      times.push(performance.now() - started);
      expect(res.status).toBe(200);
      expect(res.headers.get('server-timing')).toMatch(/^app;dur=\d+(\.\d+)?$/);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    console.info(
      JSON.stringify({ name: 'staff_sign_in_verify_ms', database: database.kind, runs, p50: +p(0.5).toFixed(2), p95: +p(0.95).toFixed(2) }),
    );
    expect(p(0.5)).toBeGreaterThan(0);
  });
});
