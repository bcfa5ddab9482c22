// Concurrent requests for the same step of one enrollment (a double tap, a
// retried request, two tabs, two instances behind a load balancer): the
// step is checked and changed in one transaction that holds the enrollment
// row (SELECT … FOR UPDATE), so exactly one request moves the enrollment on
// and writes its audit entry; the others are told the step is behind them.
//
// Runs on PGlite, and on PostgreSQL when DATABASE_URL is set (db/testing):
// PGlite runs one statement at a time, PostgreSQL really runs the
// transactions side by side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { auditEvents, credentials, enrollments, funnelDaily, smsOutbox } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { CardSimulator } from '@/lib/chip';
import { createOfficeGrant } from '@/lib/proofing';
import { addResident, lastSmsCode, officerId, smsText, testDeps, TestPhone, TEST_CHIP_SECRET, type TestResident } from './testing/fixtures';
import {
  beginChipProof,
  beginPasskeyStep,
  claimEnrollmentGrant,
  completeChipProof,
  completePasskeyStep,
  identifyResident,
  openEnrollment,
  simulateCardTap,
  verifyEnrollmentSms,
  type EnrollmentDeps,
} from '.';

const N = 5;
let database: TestDatabase;
const clock = fixedClock('2026-11-23T03:00:00Z');
let deps: EnrollmentDeps;
const simulator = new CardSimulator(TEST_CHIP_SECRET);

beforeAll(async () => {
  database = await openTestDatabase();
  deps = testDeps(database.db, clock, database.keys);
});
afterAll(async () => {
  await database?.close();
});

const details = (r: TestResident) => ({ registrationNumber: r.registrationNumber, cardSerial: r.serial, birthDate: r.birthDate });

/** On PostgreSQL: opens the pool's connections first, so that the requests really run side by side. */
async function warmPool(): Promise<void> {
  await Promise.all(Array.from({ length: N + 1 }, () => database.db.execute(sql`select pg_sleep(0.02)`)));
}

/** 'ok' or the AppError code of each of the concurrent requests `start` makes. */
async function outcomes(start: () => Promise<unknown>[]): Promise<string[]> {
  await warmPool();
  const settled = await Promise.allSettled(start());
  return settled.map((s) => {
    if (s.status === 'fulfilled') return 'ok';
    const code = (s.reason as { code?: unknown })?.code;
    if (typeof code === 'string' && (s.reason as Error).name === 'AppError') return code;
    throw s.reason;
  });
}

const tally = (codes: string[]) => codes.reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

async function enrollmentIdOf(token: string): Promise<string> {
  const { enrollmentSessionHash } = await import('./session');
  const [row] = await database.db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.sessionHash, enrollmentSessionHash(token)));
  return row!.id;
}

async function auditActions(enrollmentId: string): Promise<Record<string, number>> {
  const rows = await database.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectKind, 'enrollment'), eq(auditEvents.subjectId, enrollmentId)));
  return tally(rows.map((r) => r.action));
}

async function smsCountTo(r: TestResident): Promise<number> {
  const digits = r.phone.replace(/\D/g, '');
  const [row] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(smsOutbox)
    .where(eq(smsOutbox.toMasked, `${digits.slice(0, 3)}-****-${digits.slice(-4)}`));
  return row!.n;
}

async function funnelCount(campaign: string, event: string): Promise<number> {
  const [row] = await database.db
    .select({ n: sql<number>`coalesce(sum(${funnelDaily.count}), 0)::int` })
    .from(funnelDaily)
    .where(and(eq(funnelDaily.campaign, campaign), eq(funnelDaily.event, event)));
  return row!.n;
}

async function identified(r: TestResident, campaign?: string): Promise<string> {
  const { token } = await openEnrollment(deps, undefined, 'chip', { locale: 'en', campaign });
  await identifyResident(deps, token, details(r), smsText);
  return token;
}

async function atChipStep(r: TestResident, campaign?: string): Promise<string> {
  const token = await identified(r, campaign);
  await verifyEnrollmentSms(deps, token, await lastSmsCode(database.db));
  return token;
}

describe(`one step, ${N} concurrent requests: exactly one moves the enrollment on`, () => {
  it('identify: one identifies (one SMS, one audit entry), the others are told the step is done', async () => {
    const r = await addResident(database.db, database.keys);
    const { token } = await openEnrollment(deps, undefined, 'chip', { locale: 'en' });
    const codes = await outcomes(() => Array.from({ length: N }, () => identifyResident(deps, token, details(r), smsText)));
    expect(tally(codes)).toEqual({ ok: 1, 'enrollment.wrong_step': N - 1 });
    const id = await enrollmentIdOf(token);
    expect(await auditActions(id)).toMatchObject({ 'enrollment.identified': 1, 'enrollment.sms_sent': 1 });
    expect(await smsCountTo(r)).toBe(1);
  });

  it('identify, wrong details: every wrong try is counted (no lost update), the fifth locks', async () => {
    const r = await addResident(database.db, database.keys);
    const { token } = await openEnrollment(deps, undefined, 'chip', { locale: 'en' });
    const wrong = { ...details(r), birthDate: '1991-01-01' };
    const codes = await outcomes(() => Array.from({ length: 5 }, () => identifyResident(deps, token, wrong, smsText)));
    expect(tally(codes)).toEqual({ 'enrollment.identity_mismatch': 4, 'enrollment.identify_locked': 1 });
    const id = await enrollmentIdOf(token);
    const [row] = await database.db.select({ failures: enrollments.identifyFailures }).from(enrollments).where(eq(enrollments.id, id));
    expect(row!.failures).toBe(5);
    expect(await auditActions(id)).toMatchObject({ 'enrollment.identify_failed': 5 });
  });

  it('grant claim: one claims (one SMS, one audit entry), the others are told the step is done', async () => {
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const grant = await createOfficeGrant(database.db, clock, { residentId: r.id, officerId: await officerId(database.db, database.keys, clock) });
    const { token } = await openEnrollment(deps, undefined, 'office', { locale: 'en' });
    const codes = await outcomes(() => Array.from({ length: N }, () => claimEnrollmentGrant(deps, token, { code: grant.code }, smsText)));
    expect(tally(codes)).toEqual({ ok: 1, 'enrollment.wrong_step': N - 1 });
    const id = await enrollmentIdOf(token);
    expect(await auditActions(id)).toMatchObject({ 'enrollment.identified': 1, 'enrollment.sms_sent': 1 });
    expect(await smsCountTo(r)).toBe(1);
  });

  it('SMS verify: one verifies, the others are told the step is done (not "code expired"), one audit entry', async () => {
    const r = await addResident(database.db, database.keys);
    const token = await identified(r);
    const code = await lastSmsCode(database.db);
    const codes = await outcomes(() => Array.from({ length: N }, () => verifyEnrollmentSms(deps, token, code)));
    expect(tally(codes)).toEqual({ ok: 1, 'enrollment.wrong_step': N - 1 });
    const actions = await auditActions(await enrollmentIdOf(token));
    expect(actions['enrollment.sms_verified']).toBe(1);
    expect(actions['enrollment.sms_refused']).toBeUndefined();
  });

  it('chip proof (each request with its own challenge): one verifies, one audit entry, counted once', async () => {
    const r = await addResident(database.db, database.keys);
    const campaign = `chip-race-${Date.now().toString(36)}`;
    const token = await atChipStep(r, campaign);
    const proofs: { challenge: string; signature: string }[] = [];
    for (let i = 0; i < N; i++) {
      const { challenge } = await beginChipProof(deps, token);
      proofs.push({ challenge, signature: (await simulateCardTap(deps, token, simulator, challenge)).signature });
    }
    const codes = await outcomes(() => proofs.map((p) => completeChipProof(deps, token, p)));
    expect(tally(codes)).toEqual({ ok: 1, 'enrollment.wrong_step': N - 1 });
    expect((await auditActions(await enrollmentIdOf(token)))['enrollment.chip_verified']).toBe(1);
    expect(await funnelCount(campaign, 'chip_verified')).toBe(1);
  });

  it('passkey step (each request with its own challenge): one card issued, one audit entry', async () => {
    const r = await addResident(database.db, database.keys);
    const token = await atChipStep(r);
    const { challenge } = await beginChipProof(deps, token);
    await completeChipProof(deps, token, { challenge, signature: (await simulateCardTap(deps, token, simulator, challenge)).signature });
    const answers: Awaited<ReturnType<TestPhone['register']>>[] = [];
    for (let i = 0; i < N; i++) answers.push(await new TestPhone().register(await beginPasskeyStep(deps, token)));
    const codes = await outcomes(() => answers.map((a) => completePasskeyStep(deps, token, a)));
    expect(tally(codes)).toEqual({ ok: 1, 'enrollment.already_issued': N - 1 });
    expect((await auditActions(await enrollmentIdOf(token)))['enrollment.finished']).toBe(1);
    expect(await database.db.select().from(credentials).where(eq(credentials.residentId, r.id))).toHaveLength(1);
  });
});
