// The abuse limits across enrollments (issue 13 point 2, README "Limits"):
// they hold when the enrollment cookie is dropped (every call here opens a
// new enrollment, as a new cookie would), they are counted per client and
// per resident / registration number / phone, and someone else's wrong
// guesses never lock the resident out of the ways that prove possession.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { rateLimits, smsOutbox } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { createOfficeGrant } from '@/lib/proofing';
import { addResident, errorCode, lastSmsCode, officerId, smsText, testDeps, type TestResident } from './testing/fixtures';
import { claimEnrollmentGrant, identifyResident, openEnrollment, verifyEnrollmentSms, type EnrollmentDeps } from '.';
import { ENROLLMENT_LIMITS } from './limits';

let database: TestDatabase;
const start = new Date('2026-11-24T01:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const details = (r: TestResident) => ({ registrationNumber: r.registrationNumber, cardSerial: r.serial, birthDate: r.birthDate });
let clientSeq = 0;
const newClient = () => `203.0.113.${++clientSeq}`;

function depsFor(client: string, clock = fixedClock(start)): EnrollmentDeps {
  return testDeps(database.db, clock, database.keys, { client });
}

/** A new browser (no cookie): opens an enrollment and identifies. */
async function identifyFresh(d: EnrollmentDeps, input: ReturnType<typeof details>) {
  const { token } = await openEnrollment(d, undefined, 'chip', { locale: 'en' });
  return { token, result: await identifyResident(d, token, input, smsText).catch((e) => e) };
}

async function smsCount(): Promise<number> {
  return (await database.db.select({ n: count() }).from(smsOutbox))[0]!.n;
}

async function officeGrantFor(r: TestResident, clock = fixedClock(start)) {
  return createOfficeGrant(database.db, clock, { residentId: r.id, officerId: await officerId(database.db, database.keys, clock) });
}

describe('SMS codes', () => {
  it("someone else's wrong codes lock only their own enrollment: the resident's own enrollment gets a code and it works", async () => {
    const r = await addResident(database.db, database.keys);
    const clock = fixedClock(start);
    const attacker = depsFor(newClient(), clock);
    const { token: theirs } = await identifyFresh(attacker, details(r));
    for (let i = 0; i < 5; i++) await verifyEnrollmentSms(attacker, theirs, '000000').catch(() => undefined);
    expect(await errorCode(verifyEnrollmentSms(attacker, theirs, '000000'))).toBe('enrollment.sms_locked');

    clock.advance(31_000);
    const resident = depsFor(newClient(), clock);
    const { token: mine, result } = await identifyFresh(resident, details(r));
    expect(result.step).toBe('sms');
    expect((await verifyEnrollmentSms(resident, mine, await lastSmsCode(database.db))).step).toBe('chip');
  });

  it('wrong codes from one client are counted over every enrollment it opens: 20 an hour, then that client gets no new code either', async () => {
    const client = newClient();
    const clock = fixedClock(start);
    for (let i = 0; i < ENROLLMENT_LIMITS.smsWrongPerClient.max / 5; i++) {
      const r = await addResident(database.db, database.keys);
      const d = depsFor(client, clock);
      const { token } = await identifyFresh(d, details(r));
      for (let j = 0; j < 5; j++) await verifyEnrollmentSms(d, token, '000000').catch(() => undefined);
      clock.advance(31_000);
    }
    const r = await addResident(database.db, database.keys);
    const { result } = await identifyFresh(depsFor(client, clock), details(r));
    expect(result.code).toBe('enrollment.sms_locked');
    expect((await identifyFresh(depsFor(newClient(), clock), details(r))).result.step).toBe('sms');
  });

  it('sends at most 5 codes an hour to one resident over new enrollments from new clients; nothing is sent beyond; an officer-started enrollment still gets its code', async () => {
    const r = await addResident(database.db, database.keys);
    const clock = fixedClock(start);
    for (let i = 0; i < ENROLLMENT_LIMITS.smsPerResident.max; i++) {
      const { result } = await identifyFresh(depsFor(newClient(), clock), details(r));
      expect(result.step).toBe('sms');
      clock.advance(31_000);
    }
    const before = await smsCount();
    const { result } = await identifyFresh(depsFor(newClient(), clock), details(r));
    expect([result.code, result.params]).toEqual(['enrollment.card_busy', { minutes: 58 }]);
    expect(await smsCount()).toBe(before);

    // The officer saw the person and the card: their enrollment is not held back.
    const grant = await officeGrantFor(r, clock);
    const d = depsFor(newClient(), clock);
    const { token } = await openEnrollment(d, undefined, 'office', { locale: 'en' });
    expect((await claimEnrollmentGrant(d, token, { code: grant.code }, smsText)).step).toBe('sms');
    expect(await smsCount()).toBe(before + 1);

    // An hour on, self-service sends again.
    clock.advance(60 * 60_000);
    expect((await identifyFresh(depsFor(newClient(), clock), details(r))).result.step).toBe('sms');
  });

  it('sends at most 20 codes an hour because of one client, whoever they go to', async () => {
    const client = newClient();
    const clock = fixedClock(start);
    for (let i = 0; i < ENROLLMENT_LIMITS.smsPerClient.max; i++) {
      const r = await addResident(database.db, database.keys);
      expect((await identifyFresh(depsFor(client, clock), details(r))).result.step).toBe('sms');
    }
    const r = await addResident(database.db, database.keys);
    const { result } = await identifyFresh(depsFor(client, clock), details(r));
    expect([result.code, result.params]).toEqual(['limits.rate_limited', { minutes: 60 }]);
    // Another client is not held back by this one.
    expect((await identifyFresh(depsFor(newClient(), clock), details(r))).result.step).toBe('sms');
  });
});

describe('identify', () => {
  it('allows 10 wrong tries an hour per registration number over all clients and enrollments; then even the right details wait, and the officer path stays open', async () => {
    const r = await addResident(database.db, database.keys);
    const clock = fixedClock(start);
    const wrong = { ...details(r), birthDate: '1950-01-01' };
    for (let i = 0; i < ENROLLMENT_LIMITS.identifyPerRegistrationNumber.max; i++) {
      const { result } = await identifyFresh(depsFor(newClient(), clock), wrong);
      expect(result.code).toBe('enrollment.identity_mismatch');
    }
    const { result } = await identifyFresh(depsFor(newClient(), clock), details(r));
    expect([result.code, result.params]).toEqual(['enrollment.card_busy', { minutes: 60 }]);

    const grant = await officeGrantFor(r, clock);
    const d = depsFor(newClient(), clock);
    const { token } = await openEnrollment(d, undefined, 'office', { locale: 'en' });
    expect((await claimEnrollmentGrant(d, token, { code: grant.code }, smsText)).step).toBe('sms');

    clock.advance(60 * 60_000);
    expect((await identifyFresh(depsFor(newClient(), clock), details(r))).result.step).toBe('sms');
  });

  it('allows 30 wrong tries an hour per client, whatever numbers it tries and however many enrollments it opens', async () => {
    const client = newClient();
    const clock = fixedClock(start);
    const residents = await Promise.all(Array.from({ length: 4 }, () => addResident(database.db, database.keys)));
    for (let i = 0; i < ENROLLMENT_LIMITS.identifyPerClient.max; i++) {
      const r = residents[i % residents.length]!;
      const { result } = await identifyFresh(depsFor(client, clock), { ...details(r), cardSerial: `ZZ${String(i).padStart(9, '0')}` });
      expect(result.code).toBe('enrollment.identity_mismatch');
      // Each registration number stays under its own limit of 10.
    }
    const other = await addResident(database.db, database.keys);
    const { result } = await identifyFresh(depsFor(client, clock), details(other));
    expect([result.code, result.params]).toEqual(['limits.rate_limited', { minutes: 60 }]);
    expect((await identifyFresh(depsFor(newClient(), clock), details(other))).result.step).toBe('sms');
  });
});

describe('short codes', () => {
  it('counts wrong short codes per client over new enrollments (20 in 15 minutes), and that client alone waits', async () => {
    const client = newClient();
    const clock = fixedClock(start);
    const claimFresh = async (d: EnrollmentDeps, shortCode: string) => {
      const { token } = await openEnrollment(d, undefined, 'office', { locale: 'en' });
      return errorCode(claimEnrollmentGrant(d, token, { shortCode }, smsText));
    };
    // A new enrollment (a dropped cookie) for every try: the per-enrollment count never fills.
    for (let i = 0; i < 20; i++) expect(await claimFresh(depsFor(client, clock), 'ZZZZZ-ZZZZZ')).toBe('enrollment.grant_unknown');
    expect(await claimFresh(depsFor(client, clock), 'ZZZZZ-ZZZZZ')).toBe('enrollment.short_code_locked');

    const r = await addResident(database.db, database.keys);
    const grant = await officeGrantFor(r, clock);
    expect(await claimFresh(depsFor(client, clock), grant.shortCode)).toBe('enrollment.short_code_locked');
    const d = depsFor(newClient(), clock);
    const { token } = await openEnrollment(d, undefined, 'office', { locale: 'en' });
    expect((await claimEnrollmentGrant(d, token, { shortCode: grant.shortCode }, smsText)).step).toBe('sms');
  });
});

it('keeps no address or registration number in clear in the limit counters', async () => {
  const keys = await database.db.select({ key: rateLimits.key }).from(rateLimits);
  expect(keys.length).toBeGreaterThan(0);
  for (const { key } of keys) {
    expect(key).toMatch(/^[a-z_]+:[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain('203.0.113');
  }
});
