// The database-backed attempt limiter, on PGlite (and PostgreSQL when
// DATABASE_URL is set): counts, the window starting again, the key holding
// no subject in clear, concurrent attempts counted exactly, and the client
// address a per-client limit counts by.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimits } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { isAppError } from '@/lib/errors';
import { clientAddressFrom, consumeAttempt, limitErrors, limitKey, UNKNOWN_CLIENT, type Attempt } from '.';

let database: TestDatabase;
const clock = fixedClock('2026-05-04T01:00:00Z');
let n = 0;
/** A subject no other test uses. */
const subject = () => `960412-69${String(++n).padStart(5, '0')}`;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const attempt = (over: Partial<Attempt> & { subject: string }): Attempt => ({ limit: 'loss_reg', max: 5, windowMs: 3_600_000, ...over });
const consume = (a: Attempt, at = clock) => database.db.transaction((tx) => consumeAttempt(tx, at, database.keys, a));

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (error) {
    if (limitErrors.is(error, 'rate_limited')) return `limited:${error.params.minutes}`;
    throw error;
  }
}

describe('consumeAttempt', () => {
  it('lets max attempts through per window, then refuses with the minutes left', async () => {
    const s = subject();
    const counts = [];
    for (let i = 0; i < 5; i++) counts.push(await consume(attempt({ subject: s })));
    expect(counts.map((c) => c.count)).toEqual([1, 2, 3, 4, 5]);
    expect(counts.map((c) => c.remaining)).toEqual([4, 3, 2, 1, 0]);
    expect(counts[0]!.resetAt.toISOString()).toBe('2026-05-04T02:00:00.000Z');
    expect(await outcome(consume(attempt({ subject: s })))).toBe('limited:60');

    const later = fixedClock('2026-05-04T01:45:10Z');
    const refused = await consume(attempt({ subject: s }), later).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('limits.rate_limited');
    expect(isAppError(refused) && refused.status).toBe(429);
    expect(isAppError(refused) && refused.params).toEqual({ minutes: 15 });
    // A few seconds before the end: still "at least 1 minute".
    expect(await outcome(consume(attempt({ subject: s }), fixedClock('2026-05-04T01:59:58Z')))).toBe('limited:1');
  });

  it('starts a new window once the old one has run out', async () => {
    const s = subject();
    for (let i = 0; i < 5; i++) await consume(attempt({ subject: s }));
    expect(await outcome(consume(attempt({ subject: s })))).toBe('limited:60');
    const after = fixedClock('2026-05-04T02:00:00Z');
    const fresh = await consume(attempt({ subject: s }), after);
    expect(fresh).toEqual({ count: 1, remaining: 4, resetAt: new Date('2026-05-04T03:00:00Z') });
  });

  it('counts each limit and each subject on its own', async () => {
    const a = subject();
    const b = subject();
    for (let i = 0; i < 2; i++) await consume(attempt({ subject: a, max: 2 }));
    expect(await outcome(consume(attempt({ subject: a, max: 2 })))).toBe('limited:60');
    expect(await outcome(consume(attempt({ subject: b, max: 2 })))).toBe('ok');
    expect(await outcome(consume(attempt({ limit: 'loss_client', subject: a, max: 2 })))).toBe('ok');
  });

  it('a refused attempt inside a transaction that rolls back leaves the count as it was', async () => {
    const s = subject();
    await consume(attempt({ subject: s, max: 1 }));
    for (let i = 0; i < 3; i++) expect(await outcome(consume(attempt({ subject: s, max: 1 })))).toBe('limited:60');
    const rows = await database.db.select().from(rateLimits);
    expect(rows.find((r) => r.key === limitKey(database.keys, 'loss_reg', s))?.count).toBe(1);
  });

  it('keeps no subject in clear: the key is the limit and a keyed hash', async () => {
    const s = subject();
    await consume(attempt({ subject: s }));
    const rows = await database.db.select().from(rateLimits);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(s);
    expect(text).not.toContain(s.replace('-', ''));
    const key = limitKey(database.keys, 'loss_reg', s);
    expect(key).toMatch(/^loss_reg:[A-Za-z0-9_-]{43}$/);
    expect(rows.some((r) => r.key === key)).toBe(true);
    // Another limit, or other data keys, give another key.
    expect(limitKey(database.keys, 'loss_client', s)).not.toBe(key.replace('loss_reg', 'loss_client'));
  });

  it('refuses a limit without a sensible max or window (a programming error, not a refusal)', async () => {
    await expect(consume(attempt({ subject: subject(), max: 0 }))).rejects.toThrow(/max/);
    await expect(consume(attempt({ subject: subject(), windowMs: 10 }))).rejects.toThrow(/window/);
  });

  it('20 concurrent attempts with max 5: exactly 5 pass', async () => {
    const s = subject();
    const results = await Promise.all(Array.from({ length: 20 }, () => outcome(consume(attempt({ subject: s })))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    expect(results.filter((r) => r.startsWith('limited:'))).toHaveLength(15);
    // And the window's row says 5 (the refused ones rolled back).
    const [row] = (await database.db.select().from(rateLimits)).filter((r) => r.key === limitKey(database.keys, 'loss_reg', s));
    expect(row?.count).toBe(5);
  });

  it('20 concurrent attempts on an expired window: it starts again once, and exactly 5 pass', async () => {
    const s = subject();
    for (let i = 0; i < 5; i++) await consume(attempt({ subject: s }));
    const after = fixedClock('2026-05-04T03:30:00Z');
    const results = await Promise.all(Array.from({ length: 20 }, () => outcome(consume(attempt({ subject: s }), after))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
  });
});

describe('clientAddressFrom', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  it('takes the first X-Forwarded-For entry, else X-Real-IP, else the one shared bucket', () => {
    expect(clientAddressFrom(headers({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }))).toBe('203.0.113.7');
    expect(clientAddressFrom(headers({ 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientAddressFrom(headers({ 'x-forwarded-for': 'garbage', 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientAddressFrom(headers({}))).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFrom(headers({ 'x-forwarded-for': 'x'.repeat(500) }))).toBe(UNKNOWN_CLIENT);
  });

  it('counts an IPv6 client by its /64, and an IPv4-mapped address as IPv4', () => {
    expect(clientAddressFrom(headers({ 'x-forwarded-for': '2001:db8:1:2:aaaa::1' }))).toBe('2001:db8:1:2::/64');
    expect(clientAddressFrom(headers({ 'x-forwarded-for': '2001:0db8:0001:0002:bbbb:cccc:dddd:eeee' }))).toBe('2001:db8:1:2::/64');
    expect(clientAddressFrom(headers({ 'x-forwarded-for': '[2001:db8::5]' }))).toBe('2001:db8:0:0::/64');
    expect(clientAddressFrom(headers({ 'x-forwarded-for': '::1' }))).toBe('0:0:0:0::/64');
    expect(clientAddressFrom(headers({ 'x-forwarded-for': '::ffff:192.0.2.9' }))).toBe('192.0.2.9');
  });
});
