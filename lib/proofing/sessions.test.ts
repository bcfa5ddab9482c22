// The video check on the database: a session's life from start to outcome,
// the second-channel code, the checklist gate on approval, the grant an
// approval issues (claimed by the enrollment's own grant step), rejection
// and no-show in the audit log, the signalling relay between exactly two
// parties, and stills (consent, sealing, purge).
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { auditEvents, bookings, enrollmentGrants, funnelDaily, proofingSessions, proofingStills, slots, smsOutbox, staff } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { claimEnrollmentGrant, openEnrollment } from '@/lib/enrollment';
import { addResident, errorCode, lastSmsCode, officerId as demoOfficerId, smsText, testDeps, type TestResident } from '@/lib/enrollment/testing';
import { SimulatedSmsSender } from '@/lib/sms';
import {
  bookSlot,
  publishSlot,
  approveSession,
  CODE_MAX_TRIES,
  confirmSecondChannelCode,
  flagFraud,
  getOfficerSessionView,
  getResidentCallState,
  joinAsResident,
  listStills,
  listVideoAppointments,
  markNoShow,
  MAX_STILL_BYTES,
  openStill,
  postSignal,
  purgeExpiredStills,
  readSignals,
  recordStillsConsent,
  rejectSession,
  resendSecondChannelCode,
  saveStill,
  startProofingSession,
  STILLS_RETENTION_DAYS,
  updateChecklist,
  type OfficerCheck,
} from '.';

let database: TestDatabase;
let officer: string;
let otherOfficer: string;
let analyst: string;
const clock = fixedClock('2026-03-03T01:00:00Z');
const deps = () => ({ db: database.db, clock, keys: database.keys, sms: new SimulatedSmsSender(database.keys, () => {}) });
const ALL_CHECKS: Record<OfficerCheck, boolean> = {
  card_front: true,
  card_back: true,
  card_tilt: true,
  serial_read_matches: true,
  face_matches: true,
  liveness_done: true,
};
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000), Buffer.from([0xff, 0xd9])]);

type Booked = { resident: TestResident; secret: string; bookingId: string; slotId: string };

let bookingCounter = 0;
/** A video slot (or another kind) and one resident's booking of it, straight into the tables. */
async function book(opts: { kind?: 'video' | 'office'; startsInMin?: number; locale?: string } = {}): Promise<Booked> {
  const resident = await addResident(database.db, database.keys, { kind: 'legacy', issuedOn: '2020-01-01' });
  const [slot] = await database.db
    .insert(slots)
    .values({
      kind: opts.kind ?? 'video',
      startsAt: new Date(clock.now().getTime() + (opts.startsInMin ?? 5) * 60_000),
      minutes: 20,
      capacity: 1,
      booked: 1,
      languages: ['vi', 'en'],
      place: opts.kind === 'office' ? 'seoul' : null,
      officerId: officer,
      createdAt: clock.now(),
    })
    .returning({ id: slots.id });
  const secret = randomBytes(32).toString('base64url');
  bookingCounter += 1;
  const [booking] = await database.db
    .insert(bookings)
    .values({
      reference: `B-TEST-${String(bookingCounter).padStart(4, '0')}-${randomBytes(2).toString('hex')}`,
      slotId: slot!.id,
      residentId: resident.id,
      locale: opts.locale ?? 'vi',
      secretHash: createHash('sha256').update(secret).digest(),
      createdAt: clock.now(),
    })
    .returning({ id: bookings.id });
  return { resident, secret, bookingId: booking!.id, slotId: slot!.id };
}

const codeText = (code: string) => `ARC Mobile video check code ${code}`;

async function auditActions(sessionId: string): Promise<string[]> {
  const rows = await database.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(sql`${auditEvents.detail}->>'sessionId' = ${sessionId}`)
    .orderBy(auditEvents.seq);
  return rows.map((r) => r.action);
}

/** Start, join, type the code: a session ready for the officer's checks. */
async function joinedSession(opts: Parameters<typeof book>[0] & { consent?: boolean } = {}) {
  const b = await book(opts);
  const { sessionId } = await startProofingSession(deps(), { officerId: officer, bookingId: b.bookingId });
  await joinAsResident(deps(), { secret: b.secret, stillsConsent: opts.consent ?? false, smsText: codeText });
  return { ...b, sessionId };
}

beforeAll(async () => {
  database = await openTestDatabase();
  officer = await demoOfficerId(database.db, database.keys, clock);
  const rows = await database.db.select().from(staff);
  analyst = rows.find((r) => r.role === 'analyst')!.id;
  // A second officer.
  const [second] = await database.db
    .insert(staff)
    .values({ ...(({ id: _id, ...rest }) => rest)(rows.find((r) => r.role === 'officer')!), handleHash: randomBytes(32), handleEnc: randomBytes(40), webauthnUserId: randomBytes(32) })
    .returning({ id: staff.id });
  otherOfficer = second!.id;
});
afterAll(async () => {
  await database?.close();
});

/** A video slot published and booked through the booking engine (publishSlot, bookSlot), as the pages do. */
async function bookThroughEngine(): Promise<Booked> {
  const resident = await addResident(database.db, database.keys, { kind: 'legacy', issuedOn: '2020-01-01' });
  const slot = await publishSlot(database.db, clock, {
    officerId: officer,
    kind: 'video',
    startsAt: new Date(clock.now().getTime() + 10 * 60_000),
    minutes: 20,
    capacity: 2,
    languages: ['vi'],
    interpreter: false,
  });
  const booked = await bookSlot(
    { ...deps(), origin: 'http://localhost:3000', smsText: (_kind, _locale, v) => `booked ${v.reference} ${v.link}` },
    { slotId: slot.id, registrationNumber: resident.registrationNumber, cardSerial: resident.serial, birthDate: resident.birthDate, locale: 'vi', client: '127.0.0.1' },
  );
  return { resident, secret: booked.secret, bookingId: booked.booking.id, slotId: slot.id };
}

describe('a video session from start to approval', () => {
  it('starts with one or two random liveness prompts, sends the code on joining, and approves into a usable video grant', async () => {
    const b = await bookThroughEngine();
    const before = await getResidentCallState(deps(), { secret: b.secret });
    expect(before).toMatchObject({ phase: 'waiting', joined: false, outcome: null, grant: null });
    expect(await errorCode(joinAsResident(deps(), { secret: b.secret, stillsConsent: false, smsText: codeText }))).toBe('video.session_not_started');

    const { sessionId, resumed } = await startProofingSession(deps(), { officerId: officer, bookingId: b.bookingId });
    expect(resumed).toBe(false);
    // Starting again is the same session for the same officer, refused for another.
    expect(await startProofingSession(deps(), { officerId: officer, bookingId: b.bookingId })).toEqual({ sessionId, resumed: true });
    expect(await errorCode(startProofingSession(deps(), { officerId: otherOfficer, bookingId: b.bookingId }))).toBe('video.session_taken');

    let view = await getOfficerSessionView(deps(), { officerId: officer, sessionId });
    expect(view.liveness.length).toBeGreaterThanOrEqual(1);
    expect(view.liveness.length).toBeLessThanOrEqual(2);
    expect(view.resident.card?.serial).toBe(b.resident.serial);
    expect(view.approvable).toBe(false);
    expect(await errorCode(approveSession(deps(), { officerId: officer, sessionId }))).toBe('video.not_joined');

    const sentBefore = (await database.db.select({ n: sql<number>`count(*)::int` }).from(smsOutbox))[0]!.n;
    const joined = await joinAsResident(deps(), { secret: b.secret, stillsConsent: false, smsText: codeText });
    expect(joined.codeSentTo).toMatch(/^010-\*+-\d{4}$/);
    // A reload joins again without a second SMS.
    expect((await joinAsResident(deps(), { secret: b.secret, stillsConsent: false, smsText: codeText })).rejoined).toBe(true);
    expect((await database.db.select({ n: sql<number>`count(*)::int` }).from(smsOutbox))[0]!.n).toBe(sentBefore + 1);
    const code = await lastSmsCode(database.db);
    // Only a keyed hash of the code is stored.
    const [row] = await database.db.select().from(proofingSessions).where(eq(proofingSessions.id, sessionId));
    expect(row!.smsCodeHash).toHaveLength(32);
    expect(Buffer.from(row!.smsCodeHash!).toString('hex')).not.toContain(Buffer.from(code).toString('hex'));

    // The checklist alone is not enough: the code must be confirmed too.
    await updateChecklist(deps(), { officerId: officer, sessionId, items: ALL_CHECKS });
    view = await getOfficerSessionView(deps(), { officerId: officer, sessionId });
    expect(view.missing).toEqual(['code_confirmed']);
    expect(await errorCode(approveSession(deps(), { officerId: officer, sessionId }))).toBe('video.checklist_incomplete');

    await confirmSecondChannelCode(deps(), { secret: b.secret, code });
    view = await getOfficerSessionView(deps(), { officerId: officer, sessionId });
    expect(view.checklist.code_confirmed).toBe(true);
    expect(view.approvable).toBe(true);
    // …and an unticked item blocks it again.
    await updateChecklist(deps(), { officerId: officer, sessionId, items: { card_tilt: false } });
    expect(await errorCode(approveSession(deps(), { officerId: officer, sessionId }))).toBe('video.checklist_incomplete');
    await updateChecklist(deps(), { officerId: officer, sessionId, items: { card_tilt: true } });
    // Someone else's session is not theirs to decide.
    expect(await errorCode(approveSession(deps(), { officerId: otherOfficer, sessionId }))).toBe('video.not_your_session');
    expect(await errorCode(approveSession(deps(), { officerId: analyst, sessionId }))).toBe('proofing.not_an_officer');

    const approval = await approveSession(deps(), { officerId: officer, sessionId });
    expect(approval.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [grant] = await database.db.select().from(enrollmentGrants).where(eq(enrollmentGrants.id, approval.grantId));
    expect(grant).toMatchObject({ path: 'video', residentId: b.resident.id, officerId: officer });
    const [booking] = await database.db.select().from(bookings).where(eq(bookings.id, b.bookingId));
    expect(booking!.status).toBe('completed');

    // The resident's page shows the grant while it lives…
    const after = await getResidentCallState(deps(), { secret: b.secret });
    expect(after).toMatchObject({ phase: 'ended', outcome: 'approved', grantState: 'live', grant: { code: approval.code } });
    // …and the enrollment's grant step claims it on the resident's phone (the video path, SMS to the phone on record).
    const enrollment = testDeps(database.db, clock, database.keys);
    const opened = await openEnrollment(enrollment, undefined, 'video', { locale: 'vi' });
    const step = await claimEnrollmentGrant(enrollment, opened.token, { code: approval.code }, smsText);
    expect(step).toMatchObject({ step: 'sms', path: 'video' });

    // Nothing more happens in an ended session.
    expect(await errorCode(updateChecklist(deps(), { officerId: officer, sessionId, items: ALL_CHECKS }))).toBe('video.session_ended');
    expect(await errorCode(rejectSession(deps(), { officerId: officer, sessionId, reason: 'face_mismatch' }))).toBe('video.session_ended');
    expect(await auditActions(sessionId)).toEqual([
      'proofing.session_started',
      'proofing.resident_joined',
      'proofing.code_sent',
      'proofing.checklist_updated',
      'proofing.code_confirmed',
      'proofing.checklist_updated',
      'proofing.checklist_updated',
      'grant.issued',
      'proofing.session_approved',
    ]);
    const counters = await database.db.select().from(funnelDaily).where(and(eq(funnelDaily.path, 'video'), eq(funnelDaily.event, 'video_approved')));
    expect(counters[0]?.count).toBeGreaterThanOrEqual(1);
  });

  it('picks the liveness prompts with the randomness given, different kinds each time', async () => {
    const seq = [1, 0, 1, 0, 3];
    const b = await book();
    const { sessionId } = await startProofingSession(deps(), { officerId: officer, bookingId: b.bookingId, random: () => seq.shift() ?? 0 });
    const view = await getOfficerSessionView(deps(), { officerId: officer, sessionId });
    // Two prompts: turn_head (index 0) to the right, then fingers (index 0 of the rest) with 1 + 3 = 4.
    expect(view.liveness).toEqual([
      { kind: 'turn_head', side: 'right' },
      { kind: 'fingers', count: 4 },
    ]);
  });

  it('refuses a session for an office booking, a non-officer, a cancelled booking, or far from the appointment', async () => {
    const office = await book({ kind: 'office' });
    expect(await errorCode(startProofingSession(deps(), { officerId: officer, bookingId: office.bookingId }))).toBe('video.booking_unknown');
    expect(await errorCode(joinAsResident(deps(), { secret: office.secret, stillsConsent: false, smsText: codeText }))).toBe('video.booking_unknown');
    const b = await book();
    expect(await errorCode(startProofingSession(deps(), { officerId: analyst, bookingId: b.bookingId }))).toBe('proofing.not_an_officer');
    const later = await book({ startsInMin: 3 * 24 * 60 });
    expect(await errorCode(startProofingSession(deps(), { officerId: officer, bookingId: later.bookingId }))).toBe('video.outside_window');
    await database.db.update(bookings).set({ status: 'cancelled' }).where(eq(bookings.id, b.bookingId));
    expect(await errorCode(startProofingSession(deps(), { officerId: officer, bookingId: b.bookingId }))).toBe('video.booking_not_live');
    expect(await errorCode(startProofingSession(deps(), { officerId: officer, bookingId: 'not-a-uuid' }))).toBe('video.booking_unknown');
    expect(await errorCode(getResidentCallState(deps(), { secret: 'x'.repeat(32) }))).toBe('video.booking_unknown');
  });

  it('a fraud flag blocks approval; the rejection carries its reason and is audited', async () => {
    const s = await joinedSession();
    await confirmSecondChannelCode(deps(), { secret: s.secret, code: await lastSmsCode(database.db) });
    await updateChecklist(deps(), { officerId: officer, sessionId: s.sessionId, items: ALL_CHECKS });
    await flagFraud(deps(), { officerId: officer, sessionId: s.sessionId, reason: 'replayed_video', note: 'the picture froze at every prompt' });
    expect(await errorCode(approveSession(deps(), { officerId: officer, sessionId: s.sessionId }))).toBe('video.fraud_flagged');
    const view = await getOfficerSessionView(deps(), { officerId: officer, sessionId: s.sessionId });
    expect(view.fraud).toEqual({ suspected: true, reason: 'replayed_video: the picture froze at every prompt' });
    await rejectSession(deps(), { officerId: officer, sessionId: s.sessionId, reason: 'suspected_fraud' });
    const state = await getResidentCallState(deps(), { secret: s.secret });
    expect(state).toMatchObject({ phase: 'ended', outcome: 'rejected', reasonCode: 'suspected_fraud', grant: null });
    const actions = await auditActions(s.sessionId);
    expect(actions).toContain('proofing.fraud_suspected');
    expect(actions.at(-1)).toBe('proofing.session_rejected');
    // The officer's note is not in the audit log.
    const [entry] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'proofing.fraud_suspected'), sql`${auditEvents.detail}->>'sessionId' = ${s.sessionId}`));
    expect(JSON.stringify(entry!.detail)).not.toContain('froze');
    const [booking] = await database.db.select().from(bookings).where(eq(bookings.id, s.bookingId));
    expect(booking!.status).toBe('completed');
  });

  it('no-show: only from the appointment time, only if the resident never joined; audited', async () => {
    const early = await book({ startsInMin: 30 });
    expect(await errorCode(markNoShow(deps(), { officerId: officer, bookingId: early.bookingId }))).toBe('video.too_early');
    const b = await book({ startsInMin: -5 });
    const { sessionId } = await markNoShow(deps(), { officerId: officer, bookingId: b.bookingId });
    const [booking] = await database.db.select().from(bookings).where(eq(bookings.id, b.bookingId));
    expect(booking!.status).toBe('no_show');
    expect(await auditActions(sessionId)).toEqual(['proofing.no_show']);
    expect((await getResidentCallState(deps(), { secret: b.secret })).outcome).toBe('no_show');
    // A resident who joined is not a no-show.
    const joined = await joinedSession({ startsInMin: -2 });
    expect(await errorCode(markNoShow(deps(), { officerId: officer, bookingId: joined.bookingId }))).toBe('video.resident_joined');
    // Started but never joined: the session records the no-show.
    const started = await book({ startsInMin: -1 });
    const s = await startProofingSession(deps(), { officerId: officer, bookingId: started.bookingId });
    expect((await markNoShow(deps(), { officerId: officer, bookingId: started.bookingId })).sessionId).toBe(s.sessionId);
    expect(await auditActions(s.sessionId)).toEqual(['proofing.session_started', 'proofing.no_show']);
  });

  it('lists the day’s video appointments for the desk without names', async () => {
    const b = await book({ startsInMin: 50 });
    const list = await listVideoAppointments(deps(), { officerId: officer, from: clock.now(), to: new Date(clock.now().getTime() + 3600_000) });
    const row = list.find((r) => r.bookingId === b.bookingId);
    expect(row).toMatchObject({ locale: 'vi', status: 'booked', mine: true, session: null });
    expect(JSON.stringify(row)).not.toContain('TEST RESIDENT');
    expect(await errorCode(listVideoAppointments(deps(), { officerId: analyst, from: clock.now(), to: clock.now() }))).toBe('proofing.not_an_officer');
  });
});

describe('the second-channel code', () => {
  it('takes the code in Arabic-Indic digits; a code that is not 6 digits is named and spends no try', async () => {
    const s = await joinedSession();
    const code = await lastSmsCode(database.db);
    for (const typed of ['12345', 'abcdef', '1234567']) {
      expect(await errorCode(confirmSecondChannelCode(deps(), { secret: s.secret, code: typed }))).toBe('video.code_format');
    }
    expect((await getResidentCallState(deps(), { secret: s.secret })).code.triesLeft).toBe(CODE_MAX_TRIES);
    const arabic = [...code].map((c) => String.fromCodePoint(0x0660 + Number(c))).join('');
    await confirmSecondChannelCode(deps(), { secret: s.secret, code: arabic });
    expect((await getResidentCallState(deps(), { secret: s.secret })).code.confirmed).toBe(true);
  });

  it('allows five tries in all, then locks; a resend waits a minute and gives no more tries', async () => {
    const s = await joinedSession();
    const code = await lastSmsCode(database.db);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i < CODE_MAX_TRIES; i++) {
      expect(await errorCode(confirmSecondChannelCode(deps(), { secret: s.secret, code: wrong }))).toBe('video.code_wrong');
    }
    expect((await getResidentCallState(deps(), { secret: s.secret })).code.triesLeft).toBe(1);
    expect(await errorCode(resendSecondChannelCode(deps(), { secret: s.secret, smsText: codeText }))).toBe('video.code_resend_wait');
    clock.advance(61_000);
    await resendSecondChannelCode(deps(), { secret: s.secret, smsText: codeText });
    const second = await lastSmsCode(database.db);
    // The fifth wrong try locks the code; even the right one is refused then.
    expect(await errorCode(confirmSecondChannelCode(deps(), { secret: s.secret, code: second === '000000' ? '111111' : '000000' }))).toBe('video.code_locked');
    expect(await errorCode(confirmSecondChannelCode(deps(), { secret: s.secret, code: second }))).toBe('video.code_locked');
    const view = await getOfficerSessionView(deps(), { officerId: officer, sessionId: s.sessionId });
    expect(view.code).toEqual({ sent: true, confirmed: false, triesLeft: 0 });
    expect((await auditActions(s.sessionId)).filter((a) => a === 'proofing.code_refused')).toHaveLength(CODE_MAX_TRIES);
  });

  it('expires after ten minutes; the earlier code stops working after a resend', async () => {
    const s = await joinedSession();
    const first = await lastSmsCode(database.db);
    clock.advance(61_000);
    await resendSecondChannelCode(deps(), { secret: s.secret, smsText: codeText });
    const second = await lastSmsCode(database.db);
    if (first !== second) expect(await errorCode(confirmSecondChannelCode(deps(), { secret: s.secret, code: first }))).toBe('video.code_wrong');
    clock.advance(11 * 60_000);
    expect(await errorCode(confirmSecondChannelCode(deps(), { secret: s.secret, code: second }))).toBe('video.code_expired');
    expect((await getResidentCallState(deps(), { secret: s.secret })).code.expired).toBe(true);
  });
});

describe('the signalling relay', () => {
  it('relays each side’s messages to the other, in order, and to no one else', async () => {
    const s = await joinedSession();
    const other = await joinedSession();
    const resident = { role: 'resident' as const, secret: s.secret };
    const desk = { role: 'officer' as const, officerId: officer, sessionId: s.sessionId };
    await postSignal(deps(), { party: resident, kind: 'hello', payload: { generation: 'r1' } });
    await postSignal(deps(), { party: desk, kind: 'offer', payload: { generation: 'o1', sdp: 'v=0 offer' } });
    for (let i = 0; i < 3; i++) {
      await postSignal(deps(), { party: desk, kind: 'candidate', payload: { generation: 'o1', candidate: { candidate: `candidate:${i}`, sdpMid: '0', sdpMLineIndex: 0 } } });
    }
    await postSignal(deps(), { party: desk, kind: 'candidate', payload: { generation: 'o1', candidate: null } });
    await postSignal(deps(), { party: resident, kind: 'answer', payload: { generation: 'o1', sdp: 'v=0 answer' } });

    const toResident = await readSignals(deps(), { party: resident, after: 0 });
    expect(toResident.signals.map((x) => x.kind)).toEqual(['offer', 'candidate', 'candidate', 'candidate', 'candidate']);
    expect(toResident.signals.map((x) => (x.payload as { candidate?: { candidate: string } | null }).candidate?.candidate ?? null).slice(1)).toEqual([
      'candidate:0',
      'candidate:1',
      'candidate:2',
      null,
    ]);
    const seqs = toResident.signals.map((x) => x.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const toDesk = await readSignals(deps(), { party: desk, after: 0 });
    expect(toDesk.signals.map((x) => x.kind)).toEqual(['hello', 'answer']);
    // After a sequence number: only what came later.
    expect((await readSignals(deps(), { party: resident, after: seqs[2]! })).signals.map((x) => x.seq)).toEqual(seqs.slice(3));
    // The other booking's resident and another officer see none of it.
    expect((await readSignals(deps(), { party: { role: 'resident', secret: other.secret }, after: 0 })).signals).toEqual([]);
    expect(await errorCode(readSignals(deps(), { party: { role: 'officer', officerId: otherOfficer, sessionId: s.sessionId }, after: 0 }))).toBe('video.not_your_session');
    expect(await errorCode(postSignal(deps(), { party: { role: 'officer', officerId: analyst, sessionId: s.sessionId }, kind: 'bye', payload: {} }))).toBe('proofing.not_an_officer');
    expect(await errorCode(readSignals(deps(), { party: { role: 'resident', secret: randomBytes(32).toString('base64url') }, after: 0 }))).toBe('video.booking_unknown');
  });

  it('refuses malformed messages, prompts from the resident, and anything but bye after the outcome', async () => {
    const s = await joinedSession();
    const resident = { role: 'resident' as const, secret: s.secret };
    const desk = { role: 'officer' as const, officerId: officer, sessionId: s.sessionId };
    expect(await errorCode(postSignal(deps(), { party: resident, kind: 'offer', payload: { generation: 'x', sdp: 'a'.repeat(40_000) } }))).toBe('video.signal_invalid');
    expect(await errorCode(postSignal(deps(), { party: resident, kind: 'offer', payload: { generation: 'x', sdp: 'v=0', extra: 1 } }))).toBe('video.signal_invalid');
    expect(await errorCode(postSignal(deps(), { party: resident, kind: 'prompt', payload: { index: 0 } }))).toBe('video.not_your_session');
    // The officer shows a prompt: the resident's page gets the prompt itself.
    await postSignal(deps(), { party: desk, kind: 'prompt', payload: { index: 0 } });
    const view = await getOfficerSessionView(deps(), { officerId: officer, sessionId: s.sessionId });
    const [prompt] = (await readSignals(deps(), { party: resident, after: 0 })).signals;
    expect(prompt).toMatchObject({ kind: 'prompt', payload: { index: 0, prompt: view.liveness[0] } });
    await rejectSession(deps(), { officerId: officer, sessionId: s.sessionId, reason: 'poor_connection' });
    expect(await errorCode(postSignal(deps(), { party: desk, kind: 'offer', payload: { generation: 'x', sdp: 'v=0' } }))).toBe('video.session_ended');
    await postSignal(deps(), { party: desk, kind: 'bye', payload: {} });
    expect((await readSignals(deps(), { party: resident, after: 0 })).ended).toBe(true);
  });

  it('reads nothing before the resident joins', async () => {
    const b = await book();
    expect(await readSignals(deps(), { party: { role: 'resident', secret: b.secret }, after: 0 })).toEqual({ signals: [], ended: false });
    await startProofingSession(deps(), { officerId: officer, bookingId: b.bookingId });
    expect(await errorCode(postSignal(deps(), { party: { role: 'resident', secret: b.secret }, kind: 'hello', payload: { generation: 'a' } }))).toBe('video.not_joined');
  });
});

describe('stills', () => {
  it('are refused without the resident’s consent', async () => {
    const s = await joinedSession({ consent: false });
    expect(await errorCode(saveStill(deps(), { officerId: officer, sessionId: s.sessionId, kind: 'face', jpeg: JPEG }))).toBe('video.stills_not_consented');
  });

  it('are sealed, one per kind, refused when not a JPEG or too large, and deleted when consent is withdrawn', async () => {
    const s = await joinedSession({ consent: true });
    const saved = await saveStill(deps(), { officerId: officer, sessionId: s.sessionId, kind: 'card_front', jpeg: JPEG });
    expect(saved.purgeAfter.getTime() - saved.takenAt.getTime()).toBe(STILLS_RETENTION_DAYS * 86_400_000);
    await saveStill(deps(), { officerId: officer, sessionId: s.sessionId, kind: 'card_front', jpeg: JPEG });
    await saveStill(deps(), { officerId: officer, sessionId: s.sessionId, kind: 'face', jpeg: JPEG });
    expect((await listStills(deps(), { officerId: officer, sessionId: s.sessionId })).map((x) => x.kind).sort()).toEqual(['card_front', 'face']);
    const [row] = await database.db.select().from(proofingStills).where(eq(proofingStills.sessionId, s.sessionId)).limit(1);
    expect(Buffer.from(row!.imageEnc).includes(JPEG.subarray(4, 40))).toBe(false);
    expect((await openStill(deps(), { officerId: officer, sessionId: s.sessionId, kind: 'face' }))!.equals(JPEG)).toBe(true);
    expect(await errorCode(saveStill(deps(), { officerId: officer, sessionId: s.sessionId, kind: 'face', jpeg: Buffer.from('not a jpeg') }))).toBe('video.still_invalid');
    expect(
      await errorCode(saveStill(deps(), { officerId: officer, sessionId: s.sessionId, kind: 'face', jpeg: Buffer.concat([JPEG, Buffer.alloc(MAX_STILL_BYTES)]) })),
    ).toBe('video.still_invalid');
    expect(await errorCode(saveStill(deps(), { officerId: otherOfficer, sessionId: s.sessionId, kind: 'face', jpeg: JPEG }))).toBe('video.not_your_session');
    const withdrawn = await recordStillsConsent(deps(), { secret: s.secret, consent: false });
    expect(withdrawn).toEqual({ consent: false, deleted: 2 });
    expect(await listStills(deps(), { officerId: officer, sessionId: s.sessionId })).toEqual([]);
    expect(await auditActions(s.sessionId)).toContain('proofing.stills_consent_withdrawn');
  });

  it('are purged after their period, and not before', async () => {
    const s = await joinedSession({ consent: true });
    await saveStill(deps(), { officerId: officer, sessionId: s.sessionId, kind: 'card_back', jpeg: JPEG });
    await purgeExpiredStills(database.db, clock);
    expect(await listStills(deps(), { officerId: officer, sessionId: s.sessionId })).toHaveLength(1);
    const later = fixedClock(new Date(clock.now().getTime() + STILLS_RETENTION_DAYS * 86_400_000 + 1000));
    expect(await purgeExpiredStills(database.db, later)).toBeGreaterThanOrEqual(1);
    expect(await listStills(deps(), { officerId: officer, sessionId: s.sessionId })).toEqual([]);
    const [entry] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'proofing.stills_purged')).orderBy(sql`${auditEvents.seq} desc`).limit(1);
    expect((entry!.detail as { count: number }).count).toBeGreaterThanOrEqual(1);
  });
});
