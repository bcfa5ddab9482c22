// Loss reports end to end on the real issuance (lib/passkeys) and
// presentation (lib/presentation): a report with the right details locks
// every active card at once (credential, status list, open card, tokens
// already shown), one with wrong details gets the same answer and locks
// nothing, form errors spend no try, the limits per registration number and
// per client, and the officer's report.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, credentials, funnelDaily, lossReports, rateLimits, staff } from '@/db/schema';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { addResident, errorCode, officerId, TestPhone, TEST_ORIGIN, type TestResident } from '@/lib/enrollment/testing';
import { beginRegistration, issueCredential, verifyRegistration, type Credential } from '@/lib/passkeys';
import {
  beginCardUnlock,
  completeCardUnlock,
  issueCardToken,
  verifyPresentation,
} from '@/lib/presentation';
import { presentationFixture, type PresentationFixture } from '@/lib/presentation/testing';
import { readStatus, STATUS_VIEW_MAX_AGE_MS, StatusView } from '@/lib/status';
import { readSession } from '@/lib/security';
import {
  checkLossDetails,
  LOSS_ANSWER_MIN_MS,
  LOSS_LIMITS,
  type BirthDateParts,
  LOSS_REPORTED,
  LOSS_REPORT_UNMATCHED,
  mobileCardsOf,
  normaliseReference,
  REFERENCE_PATTERN,
  reportLoss,
  reportLossByOfficer,
  type LossDeps,
} from '.';

let database: TestDatabase;
let deps: PresentationFixture;
let loss: LossDeps;
let seq = 0;
let clientSeq = 0;
/** A client address no other test uses, so that the per-client limit stays out of the way. */
const newClient = () => `198.51.100.${++clientSeq}`;

beforeAll(async () => {
  database = await openTestDatabase();
  deps = await presentationFixture(database, { origin: TEST_ORIGIN, start: '2026-11-23T03:00:00Z' });
  // Answered at once here; the answer's fixed time is tested on its own.
  loss = { db: deps.db, clock: deps.clock, keys: deps.keys, minAnswerMs: 0 };
});

afterAll(async () => {
  deps?.statusView.dispose();
  await database?.close();
});

/** A card issued on `phone` through lib/passkeys, as the enrollment does. */
async function issueOn(phone: TestPhone, resident?: TestResident): Promise<{ resident: TestResident; credential: Credential }> {
  const r = resident ?? (await addResident(deps.db, deps.keys, { birthDate: '1994-07-01' }));
  seq += 1;
  const who = { subject: `enrollment:loss-${seq}`, residentId: r.id, userId: new Uint8Array(32).fill(r.id % 251), userName: 'T', userDisplayName: 'T' };
  const options = await beginRegistration(deps.db, deps.clock, deps.config, who);
  const passkey = await verifyRegistration(deps.db, deps.clock, deps.config, who.subject, await phone.register(options));
  const issued = await deps.db.transaction((tx) => issueCredential(tx, deps.clock, { residentId: r.id, enrollmentId: crypto.randomUUID(), passkey, path: 'chip' }));
  return { resident: r, credential: issued.credential };
}

/** The card opened on the phone and a token shown to a verifier. */
async function shownToken(phone: TestPhone, credential: Credential): Promise<{ cardKey: string; token: string }> {
  const options = await beginCardUnlock(deps, credential.credentialId);
  const { cardKey } = await completeCardUnlock(deps, await phone.unlock(options));
  const { token } = await issueCardToken(deps, { cardKey, profile: 'full', locale: 'en' });
  return { cardKey, token };
}

const detailsOf = (r: TestResident) => ({ registrationNumber: r.registrationNumber, cardSerial: r.serial, birthDate: r.birthDate });

async function credentialRow(id: string) {
  const [row] = await deps.db.select().from(credentials).where(eq(credentials.id, id));
  return row!;
}

async function reportRow(reference: string) {
  const [row] = await deps.db.select().from(lossReports).where(eq(lossReports.reference, reference));
  return row;
}

async function auditOf(reference: string) {
  const rows = await deps.db.select().from(auditEvents).where(sql`${auditEvents.detail}->>'reference' = ${reference}`);
  return rows;
}

async function funnel(event: string): Promise<number> {
  const [row] = await deps.db
    .select({ n: sql<number>`coalesce(sum(${funnelDaily.count}), 0)::int` })
    .from(funnelDaily)
    .where(eq(funnelDaily.event, event));
  return Number(row?.n ?? 0);
}

describe('a loss report with the right details', () => {
  it('locks the card at once: credential, status list, the token already shown, the open card', async () => {
    const phone = new TestPhone();
    const { resident, credential } = await issueOn(phone);
    const { cardKey, token } = await shownToken(phone, credential);
    expect((await verifyPresentation(deps, token)).valid).toBe(true);
    const session = cardKey.slice(0, cardKey.indexOf('.'));
    expect(await readSession(deps.db, deps.clock, session, 'resident')).not.toBeNull();
    const reportedBefore = await funnel(LOSS_REPORTED);

    const answer = await reportLoss(loss, { ...detailsOf(resident), locale: 'vi', client: newClient() });
    expect(Object.keys(answer)).toEqual(['reference']);
    expect(answer.reference).toMatch(REFERENCE_PATTERN);

    const row = await credentialRow(credential.id);
    expect(row.status).toBe('locked');
    expect(row.lockedAt?.toISOString()).toBe(deps.clock.now().toISOString());
    expect(await readStatus(deps.db, credential.statusIndex!)).toEqual({ status: 'invalid', reason: 'lost' });
    // The token shown a moment ago, on this process's status view: at once.
    expect(await verifyPresentation(deps, token)).toEqual({ valid: false, reason: 'locked' });
    // The open card closed (its session ended in the lock's transaction), and it never opens again.
    expect(await readSession(deps.db, deps.clock, session, 'resident')).toBeNull();
    expect(await errorCode(issueCardToken(deps, { cardKey, profile: 'age19', locale: 'en' }))).not.toBe('ok');
    expect(await errorCode(beginCardUnlock(deps, credential.credentialId))).toBe('passkeys.card_locked');

    expect(await reportRow(answer.reference)).toMatchObject({ residentId: resident.id, channel: 'online', lockedCount: 1, officerId: null });
    expect(await funnel(LOSS_REPORTED)).toBe(reportedBefore + 1);
    const audit = await auditOf(answer.reference);
    expect(audit.map((a) => a.action).sort()).toEqual(['credential.locked', 'loss.reported']);
    // No personal data in the audit entries.
    const text = JSON.stringify(audit);
    for (const secret of [resident.registrationNumber, resident.registrationNumber.replace('-', ''), resident.serial, resident.birthDate, resident.phone]) {
      expect(text).not.toContain(secret);
    }
  });

  it('another instance (a status view this process does not tell) sees the lock within the view’s time-to-live', async () => {
    const phone = new TestPhone();
    const { resident, credential } = await issueOn(phone);
    const { token } = await shownToken(phone, credential);
    let now = deps.clock.now().getTime();
    const elsewhere = new StatusView(deps.db, () => now);
    // Detached from this process's notifications: it learns only by reading the database, as another instance does.
    elsewhere.dispose();
    const verifyElsewhere = () => verifyPresentation({ ...deps, statusView: elsewhere }, token);
    expect((await verifyElsewhere()).valid).toBe(true);
    await reportLoss(loss, { ...detailsOf(resident), locale: 'en', client: newClient() });
    // This process: at once.
    expect(await verifyPresentation(deps, token)).toEqual({ valid: false, reason: 'locked' });
    // The other instance still answers from the list it read a moment ago…
    expect((await verifyElsewhere()).valid).toBe(true);
    // …until its view is older than STATUS_VIEW_MAX_AGE_MS, when the next request waits for a fresh one.
    now += STATUS_VIEW_MAX_AGE_MS;
    expect(await verifyElsewhere()).toEqual({ valid: false, reason: 'locked' });
  });

  it('locks whatever is active, leaves a card revoked by a reissue as it was, and a later reissue works again', async () => {
    const oldPhone = new TestPhone();
    const first = await issueOn(oldPhone);
    const newPhone = new TestPhone();
    const second = await issueOn(newPhone, first.resident);
    expect((await credentialRow(first.credential.id)).status).toBe('revoked');

    await reportLoss(loss, { ...detailsOf(first.resident), locale: 'en', client: newClient() });
    expect((await credentialRow(first.credential.id)).status).toBe('revoked');
    expect((await credentialRow(second.credential.id)).status).toBe('locked');
    expect(await mobileCardsOf(deps.db, first.resident.id)).toMatchObject({ active: 0, locked: 1 });

    // Reporting again locks nothing more and unlocks nothing.
    const again = await reportLoss(loss, { ...detailsOf(first.resident), locale: 'en', client: newClient() });
    expect(await reportRow(again.reference)).toMatchObject({ residentId: first.resident.id, lockedCount: 0 });
    expect((await credentialRow(second.credential.id)).status).toBe('locked');

    // The way back is a reissue (full proof): a new card on a new phone, valid; the locked one stays locked.
    const thirdPhone = new TestPhone();
    const third = await issueOn(thirdPhone, first.resident);
    const { token } = await shownToken(thirdPhone, third.credential);
    expect((await verifyPresentation(deps, token)).valid).toBe(true);
    expect((await credentialRow(second.credential.id)).status).toBe('locked');
  });

  it('takes the details as people type them: no dash, spaces, lower case, another script’s digits', async () => {
    const phone = new TestPhone();
    const { resident, credential } = await issueOn(phone);
    const arabicDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    await reportLoss(loss, {
      registrationNumber: ` ${arabicDigits(resident.registrationNumber.replace('-', ''))} `,
      cardSerial: ` ${resident.serial.toLowerCase()} `,
      birthDate: { day: String(Number(resident.birthDate.slice(8))), month: resident.birthDate.slice(5, 7), year: resident.birthDate.slice(0, 4) },
      locale: 'ar',
      client: newClient(),
    });
    expect((await credentialRow(credential.id)).status).toBe('locked');
  });
});

describe('a loss report with wrong details', () => {
  it('gets the same answer, locks nothing, and is kept without a resident', async () => {
    const phone = new TestPhone();
    const { resident, credential } = await issueOn(phone);
    const { token } = await shownToken(phone, credential);
    const unmatchedBefore = await funnel(LOSS_REPORT_UNMATCHED);
    const wrongSerial = { ...detailsOf(resident), cardSerial: 'IC000000000' };
    const unknownNumber = { ...detailsOf(resident), registrationNumber: '940701-5999999' };

    for (const details of [wrongSerial, unknownNumber]) {
      const answer = await reportLoss(loss, { ...details, locale: 'en', client: newClient() });
      expect(Object.keys(answer)).toEqual(['reference']);
      expect(answer.reference).toMatch(REFERENCE_PATTERN);
      expect(await reportRow(answer.reference)).toMatchObject({ residentId: null, lockedCount: 0, channel: 'online' });
      expect((await auditOf(answer.reference)).map((a) => a.action)).toEqual(['loss.report_unmatched']);
    }
    expect((await credentialRow(credential.id)).status).toBe('active');
    expect((await verifyPresentation(deps, token)).valid).toBe(true);
    expect(await funnel(LOSS_REPORT_UNMATCHED)).toBe(unmatchedBefore + 2);
  });

  it('takes the same time to answer as a matching one: no sooner than LOSS_ANSWER_MIN_MS', async () => {
    const runs = 6;
    const timed = { ...loss, minAnswerMs: LOSS_ANSWER_MIN_MS };
    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const matched: number[] = [];
    const unmatched: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { resident } = await issueOn(new TestPhone());
      const other = await issueOn(new TestPhone());
      bare.push(await time(() => reportLoss(loss, { ...detailsOf(other.resident), locale: 'en', client: newClient() })));
      matched.push(await time(() => reportLoss(timed, { ...detailsOf(resident), locale: 'en', client: newClient() })));
      unmatched.push(await time(() => reportLoss(timed, { ...detailsOf(resident), cardSerial: 'IC000000001', locale: 'en', client: newClient() })));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.info(
      `loss report, median of ${runs}: the work itself ${median(bare).toFixed(1)} ms; answered, matched ${median(matched).toFixed(1)} ms, unmatched ${median(unmatched).toFixed(1)} ms`,
    );
    for (const ms of [...matched, ...unmatched]) expect(ms).toBeGreaterThanOrEqual(LOSS_ANSWER_MIN_MS - 2);
    // Unless the work itself outgrew the floor, both answer within a few milliseconds of it.
    if (Math.max(...bare) < LOSS_ANSWER_MIN_MS - 50) expect(Math.abs(median(matched) - median(unmatched))).toBeLessThan(25);
  });
});

describe('form errors', () => {
  const today = '2026-11-23';
  const good = { registrationNumber: '960412-6123456', cardSerial: 'IC123456789', birthDate: '1996-04-12' };
  type Over = { registrationNumber?: string; cardSerial?: string; birthDate?: string | BirthDateParts };
  const table: Array<[string, Over, Record<string, string>]> = [
    ['all empty', { registrationNumber: '', cardSerial: '', birthDate: '' }, {
      registrationNumber: 'loss.registration_number_missing',
      cardSerial: 'loss.card_serial_missing',
      birthDate: 'loss.birth_date_missing',
    }],
    ['12 digits', { registrationNumber: '960412-612345' }, { registrationNumber: 'loss.registration_number_format' }],
    ['letters in the number', { registrationNumber: '960412-61234a6' }, { registrationNumber: 'loss.registration_number_format' }],
    ['no such date in the number', { registrationNumber: '961332-6123456' }, { registrationNumber: 'loss.registration_number_invalid' }],
    ['7th digit not 5–8', { registrationNumber: '960412-1123456' }, { registrationNumber: 'loss.registration_number_invalid' }],
    ['serial without digits', { cardSerial: 'ICABCDEFG' }, { cardSerial: 'loss.card_serial_format' }],
    ['serial starting with a digit', { cardSerial: '1C23456789' }, { cardSerial: 'loss.card_serial_format' }],
    ['serial with a symbol', { cardSerial: 'IC1234*6789' }, { cardSerial: 'loss.card_serial_format' }],
    ['31 February', { birthDate: { day: '31', month: '2', year: '1996' } }, { birthDate: 'loss.birth_date_invalid' }],
    ['a two-digit year', { birthDate: { day: '12', month: '4', year: '96' } }, { birthDate: 'loss.birth_date_invalid' }],
    ['only the day', { birthDate: { day: '12' } }, { birthDate: 'loss.birth_date_invalid' }],
    ['in the future', { registrationNumber: '270101-7123456', birthDate: '2027-01-01' }, { birthDate: 'loss.birth_date_invalid' }],
    ['not the number’s date', { birthDate: '1996-04-13' }, { birthDate: 'loss.birth_date_mismatch' }],
    ['a date in another form', { birthDate: '12/04/1996' }, { birthDate: 'loss.birth_date_invalid' }],
  ];
  it.each(table)('%s', (_name, over, expected) => {
    const checked = checkLossDetails({ ...good, ...over }, today);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors).toEqual(expected);
  });

  it('accepts the forms people write, and gives the canonical details', () => {
    expect(checkLossDetails({ registrationNumber: '9604126123456', cardSerial: 'ic 123456789', birthDate: { day: '12', month: '04', year: '1996' } }, today)).toEqual({
      ok: true,
      details: good,
    });
    const nepali = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0966 + Number(d)));
    expect(checkLossDetails({ registrationNumber: nepali('960412–6123456'), cardSerial: 'IC123456789', birthDate: { day: nepali('12'), month: nepali('4'), year: nepali('1996') } }, today).ok).toBe(true);
  });

  it('are thrown before any try is counted (the first field’s code)', async () => {
    const before = await deps.db.select({ n: sql<number>`count(*)::int` }).from(rateLimits);
    expect(await errorCode(reportLoss(loss, { ...good, registrationNumber: '12', cardSerial: '', locale: 'en', client: newClient() }))).toBe(
      'loss.registration_number_format',
    );
    expect(await errorCode(reportLoss(loss, { ...good, birthDate: '1996-04-13', locale: 'en', client: newClient() }))).toBe('loss.birth_date_mismatch');
    const after = await deps.db.select({ n: sql<number>`count(*)::int` }).from(rateLimits);
    expect(after).toEqual(before);
  });
});

describe('limits', () => {
  it(`${LOSS_LIMITS.perRegistrationNumber.max} reports an hour per registration number, whatever the client; then the minutes to wait`, async () => {
    const phone = new TestPhone();
    const { resident, credential } = await issueOn(phone);
    const wrong = { ...detailsOf(resident), cardSerial: 'IC000000002' };
    for (let i = 0; i < LOSS_LIMITS.perRegistrationNumber.max; i++) {
      expect(await errorCode(reportLoss(loss, { ...wrong, locale: 'en', client: newClient() }))).toBe('ok');
    }
    const refused = await reportLoss(loss, { ...detailsOf(resident), locale: 'en', client: newClient() }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'limits.rate_limited', status: 429, params: { minutes: 60 } });
    // The refused report locked nothing and left no report behind.
    expect((await credentialRow(credential.id)).status).toBe('active');

    deps.clock.advance(LOSS_LIMITS.perRegistrationNumber.windowMs);
    try {
      await reportLoss(loss, { ...detailsOf(resident), locale: 'en', client: newClient() });
      expect((await credentialRow(credential.id)).status).toBe('locked');
    } finally {
      deps.clock.advance(-LOSS_LIMITS.perRegistrationNumber.windowMs);
    }
  });

  it(`${LOSS_LIMITS.perClient.max} reports an hour per client, whatever the numbers; other clients go on`, async () => {
    const client = newClient();
    for (let i = 0; i < LOSS_LIMITS.perClient.max; i++) {
      const registrationNumber = `${70 + (i % 29)}0101-5${100000 + i}`;
      expect(await errorCode(reportLoss(loss, { registrationNumber, cardSerial: 'IC123456789', birthDate: `19${registrationNumber.slice(0, 2)}-01-01`, locale: 'en', client }))).toBe('ok');
    }
    expect(await errorCode(reportLoss(loss, { registrationNumber: '990101-5999999', cardSerial: 'IC123456789', birthDate: '1999-01-01', locale: 'en', client }))).toBe(
      'limits.rate_limited',
    );
    expect(await errorCode(reportLoss(loss, { registrationNumber: '990101-5999999', cardSerial: 'IC123456789', birthDate: '1999-01-01', locale: 'en', client: newClient() }))).toBe('ok');
  });

  it('the limits’ rows hold neither the registration number nor the client address', async () => {
    const rows = JSON.stringify(await deps.db.select().from(rateLimits));
    expect(rows).not.toMatch(/\d{6}-?\d{7}/);
    expect(rows).not.toContain('198.51.100.');
  });
});

describe('the officer’s report', () => {
  it('locks the resident’s card, names the officer, and is refused to anyone but an active officer', async () => {
    const officer = await officerId(deps.db, deps.keys, deps.clock);
    const [analyst] = await deps.db.select({ id: staff.id }).from(staff).where(eq(staff.role, 'analyst'));
    const phone = new TestPhone();
    const { resident, credential } = await issueOn(phone);
    const { token } = await shownToken(phone, credential);
    expect(await mobileCardsOf(deps.db, resident.id)).toEqual({ active: 1, locked: 0, lastReport: null });

    expect(await errorCode(reportLossByOfficer(loss, { officerId: analyst!.id, residentId: resident.id, locale: 'ko' }))).toBe('loss.not_an_officer');
    expect(await errorCode(reportLossByOfficer(loss, { officerId: 'not-a-uuid', residentId: resident.id, locale: 'ko' }))).toBe('loss.not_an_officer');
    expect(await errorCode(reportLossByOfficer(loss, { officerId: officer, residentId: 2 ** 31 - 1, locale: 'ko' }))).toBe('loss.resident_not_found');
    expect((await credentialRow(credential.id)).status).toBe('active');

    const report = await reportLossByOfficer(loss, { officerId: officer, residentId: resident.id, locale: 'ko' });
    expect(report.lockedCount).toBe(1);
    expect(normaliseReference(report.reference.toLowerCase().replace(/-/g, ' '))).toBe(report.reference);
    expect(await verifyPresentation(deps, token)).toEqual({ valid: false, reason: 'locked' });
    expect(await reportRow(report.reference)).toMatchObject({ residentId: resident.id, channel: 'officer', officerId: officer, lockedCount: 1 });
    const audit = await auditOf(report.reference);
    expect(audit.map((a) => [a.action, a.actorKind, a.actorId]).sort()).toEqual([
      ['credential.locked', 'staff', officer],
      ['loss.reported', 'staff', officer],
    ]);
    const cards = await mobileCardsOf(deps.db, resident.id);
    expect(cards).toMatchObject({ active: 0, locked: 1, lastReport: { reference: report.reference, channel: 'officer' } });
    const [counted] = await deps.db
      .select({ n: funnelDaily.count })
      .from(funnelDaily)
      .where(and(eq(funnelDaily.event, LOSS_REPORTED), eq(funnelDaily.path, 'officer'), eq(funnelDaily.locale, 'ko')));
    expect(Number(counted?.n)).toBeGreaterThanOrEqual(1);
  });
});
