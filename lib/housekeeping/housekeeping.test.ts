import { randomBytes, randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, enrollments, presentationRequests, rateLimits } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { runHousekeeping } from '.';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

async function addEnrollment(expiresAt: Date, finishedAt: Date | null): Promise<string> {
  const id = randomUUID();
  await database.db.insert(enrollments).values({
    id,
    sessionHash: randomBytes(32),
    path: 'chip',
    step: finishedAt ? 'done' : 'identify',
    locale: 'en',
    startedAt: new Date(expiresAt.getTime() - HOUR),
    updatedAt: new Date(expiresAt.getTime() - HOUR),
    finishedAt,
    expiresAt,
  });
  return id;
}

async function addRequest(expiresAt: Date): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  await database.db.insert(presentationRequests).values({
    id,
    pollSecretHash: randomBytes(32).toString('hex'),
    profile: 'identity',
    verifierName: 'Shop',
    createdAt: new Date(expiresAt.getTime() - 300_000),
    expiresAt,
  });
  return id;
}

describe('housekeeping', () => {
  it('removes what outlived its use, keeps the rest, records one audit entry, and is not due again within its period', async () => {
    const clock = fixedClock('2026-06-10T03:00:00Z');
    const stale = await addEnrollment(at('2026-06-08T00:00:00Z'), null);
    const recent = await addEnrollment(at('2026-06-10T02:30:00Z'), null);
    const finished = await addEnrollment(at('2026-06-01T00:00:00Z'), at('2026-05-31T23:30:00Z'));
    const oldRequest = await addRequest(at('2026-06-10T01:00:00Z'));
    const liveRequest = await addRequest(at('2026-06-10T03:04:00Z'));
    await database.db.insert(rateLimits).values([
      { key: `test:old:${randomUUID()}`, windowStart: at('2026-06-07T00:00:00Z'), count: 3 },
      { key: `test:new:${randomUUID()}`, windowStart: at('2026-06-10T02:00:00Z'), count: 1 },
    ]);

    const run = await runHousekeeping(database.db, clock);
    expect(run.ran).toBe(true);
    if (!run.ran) return;
    expect(run.counts.enrollments).toBeGreaterThanOrEqual(1);
    expect(run.counts.presentationRequests).toBeGreaterThanOrEqual(1);
    expect(run.counts.rateLimits).toBeGreaterThanOrEqual(1);

    const left = await database.db.select({ id: enrollments.id }).from(enrollments).where(inArray(enrollments.id, [stale, recent, finished]));
    expect(left.map((r) => r.id).sort()).toEqual([recent, finished].sort());
    const requests = await database.db.select({ id: presentationRequests.id }).from(presentationRequests).where(inArray(presentationRequests.id, [oldRequest, liveRequest]));
    expect(requests.map((r) => r.id)).toEqual([liveRequest]);
    const limits = await database.db.select({ key: rateLimits.key }).from(rateLimits);
    expect(limits.some((r) => r.key.startsWith('test:old:'))).toBe(false);
    expect(limits.some((r) => r.key.startsWith('test:new:'))).toBe(true);

    const [entry] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'housekeeping.purged'));
    expect(entry?.detail).toMatchObject({ enrollments: run.counts.enrollments, presentationRequests: run.counts.presentationRequests });

    // Five minutes later: not due (another instance, or this one, ran it).
    expect(await runHousekeeping(database.db, fixedClock('2026-06-10T03:05:00Z'))).toEqual({ ran: false, why: 'not_due' });
    // After the period: due again.
    expect((await runHousekeeping(database.db, fixedClock('2026-06-10T03:11:00Z'))).ran).toBe(true);
  });

  it('instances knocking at the same moment: exactly one runs', async () => {
    const clock = fixedClock('2026-06-11T03:00:00Z');
    const runs = await Promise.all(Array.from({ length: 5 }, () => runHousekeeping(database.db, clock)));
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    for (const r of runs.filter((r) => !r.ran)) expect(['another_instance', 'not_due']).toContain((r as { why: string }).why);
  });
});
