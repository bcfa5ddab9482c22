// Unauthenticated endpoints cannot create rows without bound (issue 13
// point 3): each one that stores a row for a caller who has not signed in
// counts that caller (their address, as lib/limits reads it) and refuses
// with 429 limits.rate_limited past its hourly limit — one client only; the
// next client is served.
import { describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { count } from 'drizzle-orm';
import { enrollments, presentationRequests, webauthnChallenges } from '@/db/schema';
import { ENROLLMENT_LIMITS } from '@/lib/enrollment';
import { VERIFIER_REQUEST_CLIENT_LIMIT } from '@/lib/presentation';
import { STAFF_SIGN_IN_CLIENT_LIMIT } from '@/lib/staff';
import { useTestAppContext } from './_lib/testing/app-context';
import { POST as createRequest } from './api/presentations/requests/route';
import { POST as staffSignInOptions } from './api/staff/sign-in/options/route';
import { POST as claimGrant } from './api/enrollment/grant/route';

vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

const ORIGIN = 'http://localhost:3000';
const database = useTestAppContext(ORIGIN);

function post(pathname: string, body: unknown, client: string): NextRequest {
  return new NextRequest(`${ORIGIN}${pathname}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': client },
  });
}

async function rows(table: typeof enrollments | typeof presentationRequests | typeof webauthnChallenges): Promise<number> {
  return (await database().db.select({ n: count() }).from(table))[0]!.n;
}

async function fill(send: (client: string) => Promise<Response>, max: number, client: string) {
  const statuses: number[] = [];
  for (let i = 0; i < max; i++) statuses.push((await send(client)).status);
  return statuses;
}

describe.each([
  {
    what: 'verifier requests',
    table: presentationRequests,
    max: VERIFIER_REQUEST_CLIENT_LIMIT.max,
    send: (client: string) => createRequest(post('/api/presentations/requests', { profile: 'age19', verifierName: 'Corner shop' }, client)),
  },
  {
    what: 'staff sign-in challenges',
    table: webauthnChallenges,
    max: STAFF_SIGN_IN_CLIENT_LIMIT.max,
    send: (client: string) => staffSignInOptions(post('/api/staff/sign-in/options', {}, client)),
  },
  {
    what: 'enrollments opened without a cookie',
    table: enrollments,
    max: ENROLLMENT_LIMITS.openedPerClient.max,
    send: (client: string) =>
      // An unknown QR code (wrong short codes and identify tries have lower limits of their own).
      claimGrant(post('/api/enrollment/grant', { path: 'office', code: 'x'.repeat(43) }, client)),
  },
])('$what', ({ table, max, send }) => {
  it('stores at most its hourly limit for one client, then answers 429 limits.rate_limited and stores nothing; another client is served', async () => {
    const client = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const statuses = await fill(send, max, client);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    const before = await rows(table);
    const refused = await send(client);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('limits.rate_limited');
    expect(await rows(table)).toBe(before);
    expect((await send('192.0.2.77')).status).not.toBe(429);
  }, 120_000);
});
