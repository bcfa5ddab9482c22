// The video check of a booked appointment (NIST SP 800-63A-4 supervised
// remote proofing; the German VideoIdent rules): an officer starts the
// session, the resident joins through the booking's secret link and gets a
// one-time code by SMS on the phone on record (the second channel), the
// officer works through a checklist (card front, back and tilted; serial
// read aloud and matching the registry; face matching the card; one or two
// liveness prompts the app chose at random; the code confirmed) and ends it
// with an outcome: approved (a one-time enrollment grant, path 'video'),
// rejected with a reason the resident reads in their language, or no-show.
// Each step is one transaction with its audit entry and counters.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, gte, lt, max, sql } from 'drizzle-orm';
import { bookings, proofingSessions, sessionSignals, slots, type Booking, type ProofingSession, type Slot } from '@/db/schema';
import type { Db, Executor, Tx } from '@/db/client';
import { countFunnelEvent } from '@/lib/analytics';
import { recordAudit } from '@/lib/audit';
import { seoulDay, type Clock } from '@/lib/clock';
import { defineErrors } from '@/lib/errors';
import { typedCode } from '@/lib/i18n';
import { cardValidityOn, findCurrentCard, findResidentById, getResidentPersonalData, type CardValidity } from '@/lib/registry';
import type { DataKeys } from '@/lib/security';
import { maskPhone, type SmsSender } from '@/lib/sms';
import { activeStaffRole } from '@/lib/staff';
import { endBooking, isBookingSecret } from './bookings';
import { getGrant, issueGrant, proofingErrors, sha256 } from './grants';
import { chooseLivenessPrompts, parseLivenessPrompt, type LivenessPrompt, type RandomInt } from './liveness';
import { authorizeOfficer } from './officer';

export const videoErrors = defineErrors('video', {
  /** The link's secret names no video booking. */
  booking_unknown: 404,
  /** The booking was cancelled, or its appointment is over. */
  booking_not_live: 409,
  /** Too early or too late to start this appointment's session. */
  outside_window: 409,
  /** The officer has not started the session yet (the resident's page waits). */
  session_not_started: 409,
  /** Another officer is running this booking's session. */
  session_taken: 409,
  session_unknown: 404,
  session_ended: 409,
  /** An officer acting on a session that is not theirs. */
  not_your_session: 403,
  /** The resident has not joined the call yet. */
  not_joined: 409,
  code_wrong: 400,
  /** Not 6 digits: said at once, spends no try. */
  code_format: 400,
  code_locked: 429,
  code_expired: 410,
  code_resend_wait: 429,
  /** Approval before every check is ticked and the code confirmed. */
  checklist_incomplete: 409,
  /** Approval while the session is flagged as suspected fraud. */
  fraud_flagged: 409,
  stills_not_consented: 403,
  still_invalid: 400,
  /** A relay message that is not one of ours (kind, shape or size). */
  signal_invalid: 400,
  too_many_signals: 429,
  /** A no-show before the appointment's time. */
  too_early: 409,
  /** A no-show for a resident who joined. */
  resident_joined: 409,
});

export type VideoErrorCode = (typeof videoErrors.codes)[number];

/** What every use case of the session is given. */
export type ProofingDeps = { db: Db; clock: Clock; keys: DataKeys };
/** …and the SMS sender, for the steps that send the second-channel code. */
export type ResidentCallDeps = ProofingDeps & { sms: SmsSender };
/** The SMS text in the booking's language (the route translates it), with the code in it. */
export type CodeSmsText = (code: string, locale: string) => string | Promise<string>;

/** The items the officer ticks. The code's confirmation is ticked by the app when the resident types it. */
export const OFFICER_CHECKS = ['card_front', 'card_back', 'card_tilt', 'serial_read_matches', 'face_matches', 'liveness_done'] as const;
export type OfficerCheck = (typeof OFFICER_CHECKS)[number];
export const CHECKLIST_ITEMS = [...OFFICER_CHECKS, 'code_confirmed'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

/** Why an officer rejects: each has a message the resident reads in their language, with the next step. */
export const REJECT_REASONS = [
  'card_not_shown',
  'card_not_valid',
  'face_mismatch',
  'liveness_failed',
  'code_not_confirmed',
  'poor_connection',
  'suspected_fraud',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** What made the officer suspect fraud (kept with the session, staff eyes only). */
export const FRAUD_REASONS = ['document_tampered', 'different_person', 'replayed_video', 'someone_helping', 'other'] as const;
export type FraudReason = (typeof FRAUD_REASONS)[number];

export const CODE_DIGITS = 6;
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_TRIES = 5;
export const CODE_RESEND_AFTER_MS = 60_000;
/** A session may start from 12 hours before its appointment until 12 hours after the appointment ends. */
export const START_WINDOW_MS = 12 * 3600_000;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------- lookups

type BookingWithSlot = { booking: Booking; slot: Slot };

/** The booking behind a secret link (SHA-256 of the secret is stored), with its slot; null when none. */
async function bookingBySecret(db: Executor, secret: string, lock = false): Promise<BookingWithSlot | null> {
  if (!isBookingSecret(secret)) return null;
  const query = db.select({ booking: bookings, slot: slots }).from(bookings).innerJoin(slots, eq(slots.id, bookings.slotId)).where(eq(bookings.secretHash, sha256(secret)));
  const [row] = lock ? await query.for('update', { of: bookings }) : await query;
  return row ?? null;
}

async function bookingById(db: Executor, bookingId: string, lock = false): Promise<BookingWithSlot | null> {
  if (!UUID_PATTERN.test(bookingId)) return null;
  const query = db.select({ booking: bookings, slot: slots }).from(bookings).innerJoin(slots, eq(slots.id, bookings.slotId)).where(eq(bookings.id, bookingId));
  const [row] = lock ? await query.for('update', { of: bookings }) : await query;
  return row ?? null;
}

async function sessionOfBooking(db: Executor, bookingId: string, lock = false): Promise<ProofingSession | null> {
  const query = db.select().from(proofingSessions).where(eq(proofingSessions.bookingId, bookingId));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

async function requireOfficer(db: Executor, officerId: string): Promise<void> {
  if ((await activeStaffRole(db, officerId)) !== 'officer') throw proofingErrors.create('not_an_officer');
}

export type ResidentSession = BookingWithSlot & { session: ProofingSession | null };

/** The resident's side: the video booking their link names, and its session if the officer started one. */
export async function residentSessionBySecret(db: Executor, secret: string, lock = false): Promise<ResidentSession> {
  const found = await bookingBySecret(db, secret, lock);
  if (!found || found.slot.kind !== 'video') throw videoErrors.create('booking_unknown');
  return { ...found, session: await sessionOfBooking(db, found.booking.id, lock) };
}

/** The officer's side: a session they run (an active officer, the session's officer). */
export async function officerSession(db: Executor, officerId: string, sessionId: string, lock = false): Promise<ProofingSession & { booking: Booking; slot: Slot }> {
  await requireOfficer(db, officerId);
  if (!UUID_PATTERN.test(sessionId)) throw videoErrors.create('session_unknown');
  const query = db
    .select({ session: proofingSessions, booking: bookings, slot: slots })
    .from(proofingSessions)
    .innerJoin(bookings, eq(bookings.id, proofingSessions.bookingId))
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .where(eq(proofingSessions.id, sessionId));
  const [row] = lock ? await query.for('update', { of: [proofingSessions, bookings] }) : await query;
  if (!row) throw videoErrors.create('session_unknown');
  if (row.session.officerId !== officerId) throw videoErrors.create('not_your_session');
  return { ...row.session, booking: row.booking, slot: row.slot };
}

function assertOpen(session: ProofingSession): void {
  if (session.outcome || session.endedAt) throw videoErrors.create('session_ended');
}

function codeHash(keys: DataKeys, sessionId: string, code: string): Buffer {
  return createHmac('sha256', keys.lookup).update(`video-code:${sessionId}:${code}`).digest();
}

/**
 * The grant code of an approved session, derived from the data key and the
 * session (so the resident's page can show it again while it lives, and no
 * code is stored anywhere: the grant keeps only its SHA-256 as always).
 * 256 bits, base64url, the shape of every grant's QR code.
 */
export function videoGrantCode(keys: DataKeys, sessionId: string): string {
  return createHmac('sha256', keys.lookup).update(`video-grant:${sessionId}`).digest('base64url');
}

function checklistOf(session: ProofingSession): Record<ChecklistItem, boolean> {
  const stored = session.checklist ?? {};
  const out = {} as Record<ChecklistItem, boolean>;
  for (const item of OFFICER_CHECKS) out[item] = stored[item] === true;
  out.code_confirmed = session.smsCodeConfirmedAt !== null;
  return out;
}

function missingChecks(session: ProofingSession): ChecklistItem[] {
  const list = checklistOf(session);
  return CHECKLIST_ITEMS.filter((item) => !list[item]);
}

function livenessOf(session: ProofingSession): LivenessPrompt[] {
  return (session.liveness ?? []).map(parseLivenessPrompt).filter((p): p is LivenessPrompt => p !== null);
}

async function lastSignalSeq(db: Executor, sessionId: string): Promise<number> {
  const [row] = await db.select({ seq: max(sessionSignals.seq) }).from(sessionSignals).where(eq(sessionSignals.sessionId, sessionId));
  return row?.seq ?? 0;
}

async function count(tx: Tx, clock: Clock, event: string, locale: string): Promise<void> {
  await countFunnelEvent(tx, clock, { event, locale, path: 'video' });
}

// ---------------------------------------------------------------- the officer starts

/**
 * An officer starts the video check of a booking: an active officer; a live
 * video booking within its window; one session per booking (starting again
 * returns the same one to the same officer). The app picks the liveness
 * prompts here. Audited, with the resident's record opened for the officer.
 */
export async function startProofingSession(
  deps: ProofingDeps,
  input: { officerId: string; bookingId: string; random?: RandomInt },
): Promise<{ sessionId: string; resumed: boolean }> {
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    await requireOfficer(tx, input.officerId);
    const found = await bookingById(tx, input.bookingId, true);
    if (!found || found.slot.kind !== 'video') throw videoErrors.create('booking_unknown');
    const existing = await sessionOfBooking(tx, found.booking.id, true);
    if (existing) {
      if (existing.outcome) throw videoErrors.create('session_ended');
      if (existing.officerId !== input.officerId) throw videoErrors.create('session_taken');
      return { sessionId: existing.id, resumed: true };
    }
    if (found.booking.status !== 'booked' || found.slot.cancelledAt) throw videoErrors.create('booking_not_live');
    const now = clock.now().getTime();
    const starts = found.slot.startsAt.getTime();
    const ends = starts + found.slot.minutes * 60_000;
    if (now < starts - START_WINDOW_MS || now > ends + START_WINDOW_MS) throw videoErrors.create('outside_window');
    const liveness = chooseLivenessPrompts(input.random);
    const [row] = await tx
      .insert(proofingSessions)
      .values({ bookingId: found.booking.id, officerId: input.officerId, startedAt: clock.now(), liveness, checklist: {} })
      .returning({ id: proofingSessions.id });
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'proofing.session_started',
      subject: { kind: 'resident', id: found.booking.residentId },
      detail: { sessionId: row!.id, bookingId: found.booking.id, liveness: liveness.map((p) => p.kind) },
    });
    await count(tx, clock, 'video_session_started', found.booking.locale);
    return { sessionId: row!.id, resumed: false };
  });
}

// ---------------------------------------------------------------- the resident joins

async function sendCode(tx: Tx, deps: ResidentCallDeps, session: ProofingSession, booking: Booking, smsText: CodeSmsText): Promise<string> {
  const personal = await getResidentPersonalData(tx, deps.keys, booking.residentId);
  if (!personal) throw new Error(`resident ${booking.residentId} has no personal data`);
  const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
  await tx
    .update(proofingSessions)
    .set({ smsCodeHash: codeHash(deps.keys, session.id, code), smsCodeSentAt: deps.clock.now() })
    .where(eq(proofingSessions.id, session.id));
  await deps.sms.send({ to: personal.phone, body: await smsText(code, booking.locale), locale: booking.locale }, { tx, clock: deps.clock });
  await recordAudit(tx, deps.clock, {
    actor: { kind: 'system', id: null },
    action: 'proofing.code_sent',
    subject: { kind: 'resident', id: booking.residentId },
    detail: { sessionId: session.id, gateway: deps.sms.kind },
  });
  return maskPhone(personal.phone);
}

/**
 * The resident joins the call through the booking's secret link, once the
 * officer has started it: the join is recorded with the resident's choice
 * about stills, and the one-time code goes by SMS to the phone on record.
 * Joining again (a reload) changes nothing and sends nothing.
 */
export async function joinAsResident(
  deps: ResidentCallDeps,
  input: { secret: string; stillsConsent: boolean; smsText: CodeSmsText },
): Promise<{ sessionId: string; codeSentTo: string | null; rejoined: boolean }> {
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const { booking, session } = await residentSessionBySecret(tx, input.secret, true);
    if (!session) {
      if (booking.status !== 'booked') throw videoErrors.create('booking_not_live');
      throw videoErrors.create('session_not_started');
    }
    assertOpen(session);
    if (session.residentJoinedAt) return { sessionId: session.id, codeSentTo: null, rejoined: true };
    await tx
      .update(proofingSessions)
      .set({ residentJoinedAt: clock.now(), stillsConsent: input.stillsConsent })
      .where(eq(proofingSessions.id, session.id));
    await recordAudit(tx, clock, {
      actor: { kind: 'resident', id: booking.residentId },
      action: 'proofing.resident_joined',
      subject: { kind: 'resident', id: booking.residentId },
      detail: { sessionId: session.id, stillsConsent: input.stillsConsent },
    });
    await count(tx, clock, 'video_resident_joined', booking.locale);
    const codeSentTo = await sendCode(tx, deps, session, booking, input.smsText);
    return { sessionId: session.id, codeSentTo, rejoined: false };
  });
}

/** A new code when the first did not arrive: a minute after the last; earlier codes stop working; the tries left stay. */
export async function resendSecondChannelCode(
  deps: ResidentCallDeps,
  input: { secret: string; smsText: CodeSmsText },
): Promise<{ codeSentTo: string }> {
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const { booking, session } = await residentSessionBySecret(tx, input.secret, true);
    if (!session) throw videoErrors.create('session_not_started');
    assertOpen(session);
    if (!session.residentJoinedAt) throw videoErrors.create('not_joined');
    if (session.smsCodeConfirmedAt) return { codeSentTo: maskPhone((await getResidentPersonalData(tx, deps.keys, booking.residentId))!.phone) };
    if (session.smsCodeAttempts >= CODE_MAX_TRIES) throw videoErrors.create('code_locked');
    const since = session.smsCodeSentAt ? clock.now().getTime() - session.smsCodeSentAt.getTime() : Infinity;
    if (since < CODE_RESEND_AFTER_MS) throw videoErrors.create('code_resend_wait', { seconds: Math.ceil((CODE_RESEND_AFTER_MS - since) / 1000) });
    return { codeSentTo: await sendCode(tx, deps, session, booking, input.smsText) };
  });
}

/**
 * The resident types the SMS code into the call page. Five tries in all
 * (a new code does not give more); a right code ticks "code confirmed" on
 * the officer's checklist. A wrong try is counted and committed before the
 * refusal is thrown.
 */
export async function confirmSecondChannelCode(deps: ProofingDeps, input: { secret: string; code: string }): Promise<{ confirmed: true }> {
  const { db, clock, keys } = deps;
  const result = await db.transaction(async (tx) => {
    const { booking, session } = await residentSessionBySecret(tx, input.secret, true);
    if (!session) throw videoErrors.create('session_not_started');
    assertOpen(session);
    if (!session.residentJoinedAt || !session.smsCodeHash || !session.smsCodeSentAt) throw videoErrors.create('not_joined');
    if (session.smsCodeConfirmedAt) return { ok: true as const };
    if (session.smsCodeAttempts >= CODE_MAX_TRIES) throw videoErrors.create('code_locked');
    if (clock.now().getTime() - session.smsCodeSentAt.getTime() > CODE_TTL_MS) throw videoErrors.create('code_expired');
    const typed = typedCode(input.code);
    if (!/^\d{6}$/.test(typed)) throw videoErrors.create('code_format');
    const right = timingSafeEqual(codeHash(keys, session.id, typed), Buffer.from(session.smsCodeHash));
    if (!right) {
      const attempts = session.smsCodeAttempts + 1;
      await tx.update(proofingSessions).set({ smsCodeAttempts: attempts }).where(eq(proofingSessions.id, session.id));
      await recordAudit(tx, clock, {
        actor: { kind: 'resident', id: booking.residentId },
        action: 'proofing.code_refused',
        subject: { kind: 'resident', id: booking.residentId },
        detail: { sessionId: session.id, triesLeft: CODE_MAX_TRIES - attempts },
      });
      return { ok: false as const, triesLeft: CODE_MAX_TRIES - attempts };
    }
    await tx
      .update(proofingSessions)
      .set({ smsCodeConfirmedAt: clock.now(), checklist: { ...session.checklist, code_confirmed: true } })
      .where(eq(proofingSessions.id, session.id));
    await recordAudit(tx, clock, {
      actor: { kind: 'resident', id: booking.residentId },
      action: 'proofing.code_confirmed',
      subject: { kind: 'resident', id: booking.residentId },
      detail: { sessionId: session.id },
    });
    return { ok: true as const };
  });
  if (!result.ok) {
    if (result.triesLeft <= 0) throw videoErrors.create('code_locked');
    throw videoErrors.create('code_wrong', { triesLeft: result.triesLeft });
  }
  return { confirmed: true };
}

// ---------------------------------------------------------------- the officer checks

/** The officer ticks (or unticks) checklist items. "Code confirmed" is the app's to tick, not theirs. */
export async function updateChecklist(
  deps: ProofingDeps,
  input: { officerId: string; sessionId: string; items: Partial<Record<OfficerCheck, boolean>> },
): Promise<Record<ChecklistItem, boolean>> {
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const session = await officerSession(tx, input.officerId, input.sessionId, true);
    assertOpen(session);
    const changes: Record<string, boolean> = {};
    for (const item of OFFICER_CHECKS) {
      const value = input.items[item];
      if (typeof value === 'boolean') changes[item] = value;
    }
    const checklist = { ...session.checklist, ...changes };
    await tx.update(proofingSessions).set({ checklist }).where(eq(proofingSessions.id, session.id));
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'proofing.checklist_updated',
      subject: { kind: 'resident', id: session.booking.residentId },
      detail: { sessionId: session.id, changes },
    });
    return checklistOf({ ...session, checklist });
  });
}

/** The officer flags the session as suspected fraud, with a reason (and a short note for colleagues). Approval is then refused. */
export async function flagFraud(
  deps: ProofingDeps,
  input: { officerId: string; sessionId: string; reason: FraudReason; note?: string },
): Promise<void> {
  const { db, clock } = deps;
  await db.transaction(async (tx) => {
    const session = await officerSession(tx, input.officerId, input.sessionId, true);
    assertOpen(session);
    const note = input.note?.trim().slice(0, 500);
    await tx
      .update(proofingSessions)
      .set({ fraudSuspected: true, fraudReason: note ? `${input.reason}: ${note}` : input.reason })
      .where(eq(proofingSessions.id, session.id));
    // The note stays with the session (staff only); the audit entry names the reason's code.
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'proofing.fraud_suspected',
      subject: { kind: 'resident', id: session.booking.residentId },
      detail: { sessionId: session.id, reason: input.reason, note: Boolean(note) },
    });
  });
}

// ---------------------------------------------------------------- outcomes

export type VideoApproval = { grantId: string; code: string; expiresAt: Date };

/**
 * Approval: every check ticked, the code confirmed, no fraud flag, and the
 * resident still eligible. Issues a one-time enrollment grant (path
 * 'video') the resident continues with on their phone; the booking is
 * completed. One transaction with its audit entries.
 */
export async function approveSession(deps: ProofingDeps, input: { officerId: string; sessionId: string }): Promise<VideoApproval> {
  const { db, clock, keys } = deps;
  return db.transaction(async (tx) => {
    const session = await officerSession(tx, input.officerId, input.sessionId, true);
    assertOpen(session);
    if (!session.residentJoinedAt) throw videoErrors.create('not_joined');
    if (session.fraudSuspected) throw videoErrors.create('fraud_flagged');
    const missing = missingChecks(session);
    if (missing.length) throw videoErrors.create('checklist_incomplete', { missing: missing.join(',') });
    await authorizeOfficer(tx, clock, input.officerId, session.booking.residentId);
    const code = videoGrantCode(keys, session.id);
    const grant = await issueGrant(tx, clock, {
      residentId: session.booking.residentId,
      officerId: input.officerId,
      path: 'video',
      code,
      detail: { sessionId: session.id, bookingId: session.booking.id },
    });
    const now = clock.now();
    await tx.update(proofingSessions).set({ outcome: 'approved', grantId: grant.grantId, endedAt: now }).where(eq(proofingSessions.id, session.id));
    await endBooking(tx, clock, { bookingId: session.booking.id, status: 'completed', officerId: input.officerId, residentId: session.booking.residentId });
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'proofing.session_approved',
      subject: { kind: 'resident', id: session.booking.residentId },
      detail: { sessionId: session.id, bookingId: session.booking.id, grantId: grant.grantId },
    });
    await count(tx, clock, 'video_approved', session.booking.locale);
    return { grantId: grant.grantId, code: grant.code, expiresAt: grant.expiresAt };
  });
}

/** Rejection with a reason code the resident reads in their own language, with the next step. The booking is completed. */
export async function rejectSession(deps: ProofingDeps, input: { officerId: string; sessionId: string; reason: RejectReason }): Promise<void> {
  const { db, clock } = deps;
  await db.transaction(async (tx) => {
    const session = await officerSession(tx, input.officerId, input.sessionId, true);
    assertOpen(session);
    const now = clock.now();
    await tx.update(proofingSessions).set({ outcome: 'rejected', reasonCode: input.reason, endedAt: now }).where(eq(proofingSessions.id, session.id));
    await endBooking(tx, clock, { bookingId: session.booking.id, status: 'completed', officerId: input.officerId, residentId: session.booking.residentId });
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'proofing.session_rejected',
      subject: { kind: 'resident', id: session.booking.residentId },
      detail: { sessionId: session.id, bookingId: session.booking.id, reason: input.reason, fraudSuspected: session.fraudSuspected },
    });
    await count(tx, clock, 'video_rejected', session.booking.locale);
  });
}

/**
 * The resident did not come: from the appointment's time on, for a booking
 * whose resident never joined (with or without a session started). The
 * booking becomes no_show, and the session records it.
 */
export async function markNoShow(deps: ProofingDeps, input: { officerId: string; bookingId: string }): Promise<{ sessionId: string }> {
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    await requireOfficer(tx, input.officerId);
    const found = await bookingById(tx, input.bookingId, true);
    if (!found || found.slot.kind !== 'video') throw videoErrors.create('booking_unknown');
    const now = clock.now();
    if (now < found.slot.startsAt) throw videoErrors.create('too_early');
    let session = await sessionOfBooking(tx, found.booking.id, true);
    if (session) {
      assertOpen(session);
      if (session.officerId !== input.officerId) throw videoErrors.create('session_taken');
      if (session.residentJoinedAt) throw videoErrors.create('resident_joined');
    } else {
      if (found.booking.status !== 'booked') throw videoErrors.create('booking_not_live');
      const [created] = await tx
        .insert(proofingSessions)
        .values({ bookingId: found.booking.id, officerId: input.officerId, startedAt: now, liveness: [], checklist: {} })
        .returning();
      session = created!;
    }
    await tx.update(proofingSessions).set({ outcome: 'no_show', endedAt: now }).where(eq(proofingSessions.id, session!.id));
    await endBooking(tx, clock, { bookingId: found.booking.id, status: 'no_show', officerId: input.officerId, residentId: found.booking.residentId });
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'proofing.no_show',
      subject: { kind: 'resident', id: found.booking.residentId },
      detail: { sessionId: session!.id, bookingId: found.booking.id },
    });
    await count(tx, clock, 'video_no_show', found.booking.locale);
    return { sessionId: session!.id };
  });
}

// ---------------------------------------------------------------- what each side sees

export type CallPhase = 'waiting' | 'open' | 'ended';

/** The resident's call page: no personal data beyond what they hold, no ids of others. */
export type ResidentCallState = {
  reference: string;
  startsAt: Date;
  minutes: number;
  locale: string;
  bookingStatus: Booking['status'];
  phase: CallPhase;
  joined: boolean;
  stillsConsent: boolean;
  code: { sent: boolean; confirmed: boolean; triesLeft: number; expired: boolean };
  outcome: ProofingSession['outcome'];
  reasonCode: RejectReason | null;
  /** While an approval's grant lives, unused: the code the resident continues with. */
  grant: { code: string; expiresAt: Date } | null;
  /** The approval's grant was used (the card was issued) or ran out. */
  grantState: 'none' | 'live' | 'used' | 'expired';
  /** The latest relay message: the page reads only those after it. */
  lastSeq: number;
};

export async function getResidentCallState(deps: ProofingDeps, input: { secret: string }): Promise<ResidentCallState> {
  const { db, clock, keys } = deps;
  const { booking, slot, session } = await residentSessionBySecret(db, input.secret);
  const now = clock.now();
  let grant: ResidentCallState['grant'] = null;
  let grantState: ResidentCallState['grantState'] = 'none';
  if (session?.outcome === 'approved' && session.grantId) {
    const g = await getGrant(db, session.grantId);
    if (g?.usedAt) grantState = 'used';
    else if (!g || g.expiresAt <= now) grantState = 'expired';
    else {
      grantState = 'live';
      grant = { code: videoGrantCode(keys, session.id), expiresAt: g.expiresAt };
    }
  }
  const reason = session?.reasonCode as RejectReason | null | undefined;
  return {
    reference: booking.reference,
    startsAt: slot.startsAt,
    minutes: slot.minutes,
    locale: booking.locale,
    bookingStatus: booking.status,
    phase: !session ? (booking.status === 'booked' ? 'waiting' : 'ended') : session.outcome ? 'ended' : 'open',
    joined: Boolean(session?.residentJoinedAt),
    stillsConsent: session?.stillsConsent ?? false,
    code: {
      sent: Boolean(session?.smsCodeSentAt),
      confirmed: Boolean(session?.smsCodeConfirmedAt),
      triesLeft: Math.max(0, CODE_MAX_TRIES - (session?.smsCodeAttempts ?? 0)),
      expired: Boolean(session?.smsCodeSentAt && !session.smsCodeConfirmedAt && now.getTime() - session.smsCodeSentAt.getTime() > CODE_TTL_MS),
    },
    outcome: session?.outcome ?? null,
    reasonCode: reason && (REJECT_REASONS as readonly string[]).includes(reason) ? reason : null,
    grant,
    grantState,
    lastSeq: session ? await lastSignalSeq(db, session.id) : 0,
  };
}

/** The officer's view of their session: the registry facts to compare with the person and the card. Personal data: never log. */
export type OfficerSessionView = {
  sessionId: string;
  bookingId: string;
  reference: string;
  startsAt: Date;
  minutes: number;
  locale: string;
  resident: {
    name: string;
    nationality: string;
    birthDate: string;
    card: { kind: 'chip' | 'legacy'; serial: string; expiresOn: string; validity: CardValidity } | null;
  };
  liveness: LivenessPrompt[];
  checklist: Record<ChecklistItem, boolean>;
  missing: ChecklistItem[];
  joined: boolean;
  code: { sent: boolean; confirmed: boolean; triesLeft: number };
  stillsConsent: boolean;
  fraud: { suspected: boolean; reason: string | null };
  outcome: ProofingSession['outcome'];
  reasonCode: string | null;
  /** An approval's grant: until when the resident may claim it. */
  grantExpiresAt: Date | null;
  /** Approval would be accepted now (the checklist and code; eligibility is checked on approval). */
  approvable: boolean;
  lastSeq: number;
};

export async function getOfficerSessionView(deps: ProofingDeps, input: { officerId: string; sessionId: string }): Promise<OfficerSessionView> {
  const { db, clock, keys } = deps;
  const session = await officerSession(db, input.officerId, input.sessionId);
  const residentId = session.booking.residentId;
  const [resident, card, personal] = await Promise.all([
    findResidentById(db, residentId),
    findCurrentCard(db, residentId),
    getResidentPersonalData(db, keys, residentId),
  ]);
  const missing = missingChecks(session);
  return {
    sessionId: session.id,
    bookingId: session.booking.id,
    reference: session.booking.reference,
    startsAt: session.slot.startsAt,
    minutes: session.slot.minutes,
    locale: session.booking.locale,
    resident: {
      name: personal?.name ?? '',
      nationality: resident?.nationality ?? '',
      birthDate: resident?.birthDate ?? '',
      card: card ? { kind: card.kind, serial: card.serial, expiresOn: card.expiresOn, validity: cardValidityOn(card, seoulDay(clock.now())) } : null,
    },
    liveness: livenessOf(session),
    checklist: checklistOf(session),
    missing,
    joined: Boolean(session.residentJoinedAt),
    code: {
      sent: Boolean(session.smsCodeSentAt),
      confirmed: Boolean(session.smsCodeConfirmedAt),
      triesLeft: Math.max(0, CODE_MAX_TRIES - session.smsCodeAttempts),
    },
    stillsConsent: session.stillsConsent,
    fraud: { suspected: session.fraudSuspected, reason: session.fraudReason },
    outcome: session.outcome,
    reasonCode: session.reasonCode,
    grantExpiresAt: session.grantId ? ((await getGrant(db, session.grantId))?.expiresAt ?? null) : null,
    approvable: !session.outcome && Boolean(session.residentJoinedAt) && !session.fraudSuspected && missing.length === 0,
    lastSeq: await lastSignalSeq(db, session.id),
  };
}

/** One row of the officer's video desk: no names until a session starts. */
export type VideoAppointment = {
  bookingId: string;
  reference: string;
  startsAt: Date;
  minutes: number;
  locale: string;
  status: Booking['status'];
  /** The slot was published by this officer. */
  mine: boolean;
  session: { id: string; mine: boolean; joined: boolean; outcome: ProofingSession['outcome'] } | null;
};

/** Video appointments (booked, or ended with an outcome) starting in [from, to), earliest first. */
export async function listVideoAppointments(
  deps: Pick<ProofingDeps, 'db'>,
  input: { officerId: string; from: Date; to: Date },
): Promise<VideoAppointment[]> {
  const { db } = deps;
  await requireOfficer(db, input.officerId);
  const rows = await db
    .select({ booking: bookings, slot: slots, session: proofingSessions })
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .leftJoin(proofingSessions, eq(proofingSessions.bookingId, bookings.id))
    .where(and(eq(slots.kind, 'video'), gte(slots.startsAt, input.from), lt(slots.startsAt, input.to), sql`${bookings.status} <> 'cancelled'`))
    .orderBy(asc(slots.startsAt), asc(bookings.reference))
    .limit(500);
  return rows.map(({ booking, slot, session }) => ({
    bookingId: booking.id,
    reference: booking.reference,
    startsAt: slot.startsAt,
    minutes: slot.minutes,
    locale: booking.locale,
    status: booking.status,
    mine: slot.officerId === input.officerId,
    session: session
      ? { id: session.id, mine: session.officerId === input.officerId, joined: Boolean(session.residentJoinedAt), outcome: session.outcome }
      : null,
  }));
}
