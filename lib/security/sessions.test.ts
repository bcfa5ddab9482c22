import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { sessions } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { createSession, endSession, endSessionsOf, readSession, sessionIdOf } from './sessions';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('sessions', () => {
  it('stores only the hash of a 256-bit token and reads it back until it expires', async () => {
    const clock = fixedClock('2026-03-01T09:00:00Z');
    const token = await createSession(database.db, clock, { kind: 'staff', subjectId: 'a1', ttlMs: 3600_000 });
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await database.db.select().from(sessions).where(eq(sessions.subjectId, 'a1'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(sessionIdOf(token));
    expect(rows[0]!.id).not.toContain(token);

    const s = await readSession(database.db, clock, token, 'staff');
    expect(s).toMatchObject({ kind: 'staff', subjectId: 'a1' });
    clock.advance(3600_000 - 1);
    expect(await readSession(database.db, clock, token, 'staff')).not.toBeNull();
    clock.advance(1);
    expect(await readSession(database.db, clock, token, 'staff')).toBeNull();
  });

  it('is refused for the other kind, for a wrong or malformed token', async () => {
    const clock = fixedClock('2026-03-01T09:00:00Z');
    const token = await createSession(database.db, clock, { kind: 'resident', subjectId: 42, ttlMs: 60_000 });
    expect(await readSession(database.db, clock, token, 'staff')).toBeNull();
    expect(await readSession(database.db, clock, token, 'resident')).toMatchObject({ subjectId: '42' });
    const other = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(await readSession(database.db, clock, other, 'resident')).toBeNull();
    expect(await readSession(database.db, clock, "'; drop table sessions; --", 'resident')).toBeNull();
    expect(await readSession(database.db, clock, undefined, 'resident')).toBeNull();
  });

  it('ends at sign-out, and all of a subject at once', async () => {
    const clock = fixedClock('2026-03-01T09:00:00Z');
    const a = await createSession(database.db, clock, { kind: 'staff', subjectId: 'b2', ttlMs: 60_000 });
    const b = await createSession(database.db, clock, { kind: 'staff', subjectId: 'b2', ttlMs: 60_000 });
    const c = await createSession(database.db, clock, { kind: 'staff', subjectId: 'c3', ttlMs: 60_000 });
    await endSession(database.db, clock, a);
    expect(await readSession(database.db, clock, a, 'staff')).toBeNull();
    expect(await readSession(database.db, clock, b, 'staff')).not.toBeNull();
    expect(await endSessionsOf(database.db, clock, 'staff', 'b2')).toBe(1);
    expect(await readSession(database.db, clock, b, 'staff')).toBeNull();
    expect(await readSession(database.db, clock, c, 'staff')).not.toBeNull();
  });

  it('records when the session was last seen, at most once a minute', async () => {
    const clock = fixedClock('2026-03-01T09:00:00Z');
    const token = await createSession(database.db, clock, { kind: 'staff', subjectId: 'd4', ttlMs: 3600_000 });
    clock.advance(30_000);
    expect((await readSession(database.db, clock, token, 'staff'))!.lastSeenAt.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    clock.advance(60_000);
    await readSession(database.db, clock, token, 'staff');
    const [row] = await database.db.select().from(sessions).where(eq(sessions.id, sessionIdOf(token)));
    expect(row!.lastSeenAt.toISOString()).toBe('2026-03-01T09:01:30.000Z');
  });
});
