// The open card screen's status poll: only the card cookie's own card, never a 5xx.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { GET } from './route';

const ORIGIN = 'http://localhost:3000';
const CONTEXT = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
let database: TestDatabase;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  database = await openTestDatabase();
  holder[CONTEXT] = Promise.resolve({ db: database.db, keys: database.keys, clock: { now: () => new Date() }, database, config: { rpId: 'localhost', origins: [ORIGIN] }, demo: false });
});

afterAll(async () => {
  delete holder[CONTEXT];
  await database?.close();
  vi.restoreAllMocks();
});

async function status(cookie?: string): Promise<{ code: number; body: Record<string, unknown>; cache: string | null }> {
  const response = await GET(new NextRequest(`${ORIGIN}/api/presentations/card-status`, { headers: cookie ? { cookie } : {} }));
  return { code: response.status, body: (await response.json()) as Record<string, unknown>, cache: response.headers.get('cache-control') };
}

describe('GET /api/presentations/card-status', () => {
  it.each([
    ['no cookie', undefined],
    ['a cookie without a card', 'arc_card=session-only'],
    ['a cookie with a broken card ID', 'arc_card=abc.%3Cscript%3E'],
  ])('%s: none', async (_name, cookie) => {
    const answer = await status(cookie);
    expect(answer).toEqual({ code: 200, body: { status: 'none' }, cache: 'no-store' });
  });

  it('a card the server does not know: unknown', async () => {
    expect((await status('arc_card=token.AAAAAAAAAAAAAAAAAAAAAA')).body).toEqual({ status: 'unknown' });
  });

  it('takes no body', async () => {
    const response = await GET(new NextRequest(`${ORIGIN}/api/presentations/card-status?x=${'a'.repeat(5000)}`));
    expect(response.status).toBeLessThan(500);
  });
});
