// Bookings: a resident takes a seat in a slot, moves to another or gives it
// back. No double booking, by the database alone (ASVS 2.3.4): the seat is
// taken by ONE conditional UPDATE (booked < capacity, not cancelled, not
// started) whose row lock orders concurrent takers, a CHECK keeps booked ≤
// capacity whatever the code does, and a partial unique index allows one
// live booking per resident. 50 residents racing for one seat: one row is
// updated, 49 updates find booked = capacity and answer proofing.slot_full.
//
// A booking is reached through its own link, /<locale>/booking/<secret>
// (256 random bits; only its SHA-256 is stored), sent by SMS to the phone on
// record: never the registration number in a URL.
//
// Rescheduling makes a NEW booking row (new reference, new secret, new link,
// rescheduled_from → the old one) and cancels the old one, in one
// transaction that takes the new seat and releases the old. The old link
// then says the booking moved; history stays as it happened (which slot was
// held when), and a video session bound to the old booking cannot be joined
// through the new one.
import { randomBytes, randomInt } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { bookings, slots, type Booking, type BookingStatus, type Slot } from '@/db/schema';
import type { Db, Executor, Tx } from '@/db/client';
import { countBookingMade, countFunnelEvent } from '@/lib/analytics';
import { recordAudit } from '@/lib/audit';
import { seoulDay, type Clock } from '@/lib/clock';
import { AppError, describeForLog } from '@/lib/errors';
import { formatDateTime, isLocale, type Locale } from '@/lib/i18n';
import { consumeAttempt } from '@/lib/limits';
import { checkEligibility, findCurrentCard, findResidentByRegistrationNumber, getResidentPersonalData, normaliseCardSerial } from '@/lib/registry';
import type { DataKeys } from '@/lib/security';
import type { SmsSender } from '@/lib/sms';
import { activeStaffRole } from '@/lib/staff';
import { proofingErrors, sha256, SHORT_CODE_ALPHABET } from './grants';
import { bookingErrors, cancelSlot, findSlots, isSlotId, slotView, type CancelledSlotBooking, type SlotView } from './slots';

/** Booking attempts (each identifies a resident by three guessable facts) per registration number… */
export const BOOKING_REG_LIMIT = { max: 10, windowMs: 60 * 60_000 } as const;
/** …and per client address (generous: an association's helpers book for many people from one network). */
export const BOOKING_CLIENT_LIMIT = { max: 60, windowMs: 60 * 60_000 } as const;

/** Bytes of randomness in a booking's link (256 bits). */
export const BOOKING_SECRET_BYTES = 32;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type BookingSmsKind = 'booked' | 'rescheduled' | 'slot_cancelled';

/** The SMS text in the resident's language (the app translates it): the link, the time as written in that language, the reference. */
export type BookingSmsText = (
  kind: BookingSmsKind,
  locale: Locale,
  values: { link: string; when: string; reference: string },
) => string | Promise<string>;

/** What the booking use cases are given; nothing is reached for globally. */
export type BookingDeps = {
  db: Db;
  clock: Clock;
  keys: DataKeys;
  sms: SmsSender;
  /** The origin the booking links start with, e.g. https://arc.example.go.kr. */
  origin: string;
  smsText: BookingSmsText;
};

export type BookingView = {
  id: string;
  /** What the resident reads to staff, e.g. "B-7K3P-9QX2". */
  reference: string;
  status: BookingStatus;
  /** The language the resident booked in. */
  locale: Locale;
  slotId: string;
  createdAt: Date;
  endedAt: Date | null;
  /** The earlier booking this one replaced. */
  rescheduledFrom: string | null;
  /** This booking was replaced by a later one (moved to another time). */
  movedAway: boolean;
};

export type FoundBooking = { booking: BookingView; slot: SlotView; residentId: number };

export type BookedSlot = {
  booking: BookingView;
  slot: SlotView;
  /** The secret of the booking's link: shown to the resident once, sent by SMS, never stored. */
  secret: string;
  /** <origin>/<locale>/booking/<secret> */
  link: string;
  /** Whether the SMS with the link went out (a send that fails does not undo the booking). */
  smsSent: boolean;
};

export type BookInput = {
  slotId: string;
  registrationNumber: string;
  cardSerial: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** The language the resident books in: the booking's pages, SMS and calendar file speak it. */
  locale: Locale;
  /** The client's address (lib/limits clientAddressFrom), for the per-client attempt limit. */
  client: string;
};

/** "B-7K3P-9QX2": 8 characters of the short-code alphabet (~39 bits), unique by index. */
export function makeBookingReference(): string {
  let raw = '';
  for (let i = 0; i < 8; i++) raw += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
  return `B-${raw.slice(0, 4)}-${raw.slice(4)}`;
}

export function isBookingSecret(value: unknown): value is string {
  return typeof value === 'string' && SECRET_PATTERN.test(value);
}

export function bookingLink(origin: string, locale: Locale, secret: string): string {
  return `${origin.replace(/\/+$/, '')}/${locale}/booking/${secret}`;
}

function bookingView(row: Booking, movedAway: boolean): BookingView {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    locale: isLocale(row.locale) ? row.locale : 'en',
    slotId: row.slotId,
    createdAt: row.createdAt,
    endedAt: row.endedAt,
    rescheduledFrom: row.rescheduledFrom,
    movedAway,
  };
}

/** SQLSTATE of a database error anywhere in the cause chain (drizzle wraps the driver's error). */
function sqlStateOf(error: unknown): { code?: string; constraint?: string; message?: string } {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      const c = current as { constraint?: unknown; message?: unknown };
      return { code, constraint: typeof c.constraint === 'string' ? c.constraint : undefined, message: typeof c.message === 'string' ? c.message : undefined };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return {};
}

/** A second live booking of the same resident, refused by the partial unique index. */
function isOneLiveBookingViolation(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (state.code !== '23505') return false;
  return !state.constraint || state.constraint === 'bookings_one_live_per_resident' || !!state.message?.includes('bookings_one_live_per_resident');
}

/**
 * Runs a transaction again when PostgreSQL broke a deadlock by aborting it
 * (40P01) or could not serialize it (40001): the work is idempotent until
 * it commits, and the locks it takes are ordered, so a retry succeeds.
 */
async function transactionWithRetry<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const code = sqlStateOf(error).code;
      if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

/** Why a slot's seat could not be taken: gone, closed (cancelled or started) or full. */
async function slotRefusal(tx: Executor, clock: Clock, slotId: string): Promise<AppError> {
  const [slot] = await tx.select().from(slots).where(eq(slots.id, slotId));
  if (!slot) return bookingErrors.create('slot_unknown');
  if (slot.cancelledAt || slot.startsAt <= clock.now()) return bookingErrors.create('slot_closed');
  return bookingErrors.create('slot_full');
}

/**
 * Takes one seat: THE conditional update. Zero rows when the slot is full,
 * cancelled, started or unknown; concurrent takers queue on the row's lock
 * and each sees the count the one before it committed.
 */
async function takeSeat(tx: Executor, clock: Clock, slotId: string): Promise<Slot> {
  const [row] = await tx
    .update(slots)
    .set({ booked: sql`${slots.booked} + 1` })
    .where(and(eq(slots.id, slotId), lt(slots.booked, slots.capacity), isNull(slots.cancelledAt), gt(slots.startsAt, clock.now())))
    .returning();
  if (!row) throw await slotRefusal(tx, clock, slotId);
  return row;
}

async function releaseSeat(tx: Executor, slotId: string): Promise<void> {
  await tx
    .update(slots)
    .set({ booked: sql`${slots.booked} - 1` })
    .where(and(eq(slots.id, slotId), gt(slots.booked, 0)));
}

/** A new booking row with a fresh reference (picked again on the rare clash) and secret. */
async function insertBooking(
  tx: Executor,
  clock: Clock,
  values: { slotId: string; residentId: number; locale: Locale; rescheduledFrom?: string },
): Promise<{ row: Booking; secret: string }> {
  const secret = randomBytes(BOOKING_SECRET_BYTES).toString('base64url');
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = makeBookingReference();
    const [clash] = await tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.reference, reference));
    if (clash) continue;
    const [row] = await tx
      .insert(bookings)
      .values({
        reference,
        slotId: values.slotId,
        residentId: values.residentId,
        status: 'booked',
        locale: values.locale,
        secretHash: sha256(secret),
        rescheduledFrom: values.rescheduledFrom ?? null,
        createdAt: clock.now(),
      })
      .returning();
    return { row: row!, secret };
  }
  throw new Error('Could not pick a free booking reference');
}

async function liveBookingOf(tx: Executor, residentId: number): Promise<Booking | null> {
  const [row] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.residentId, residentId), eq(bookings.status, 'booked')))
    .limit(1);
  return row ?? null;
}

/** Tells the resident by SMS, after the change committed; a failed send is logged (code only) and reported, never undoes it. */
async function tell(
  deps: BookingDeps,
  residentId: number,
  kind: BookingSmsKind,
  locale: Locale,
  values: { link: string; startsAt: Date; reference: string },
): Promise<boolean> {
  try {
    const personal = await getResidentPersonalData(deps.db, deps.keys, residentId);
    if (!personal?.phone) return false;
    const body = await deps.smsText(kind, locale, { link: values.link, reference: values.reference, when: formatDateTime(locale, values.startsAt) });
    await deps.sms.send({ to: personal.phone, body, locale }, { tx: deps.db, clock: deps.clock });
    return true;
  } catch (error) {
    console.warn(JSON.stringify({ level: 'warn', where: `booking.sms.${kind}`, ...describeForLog(error) }));
    return false;
  }
}

/**
 * Counts a booking attempt against the per-client and per-registration-number
 * limits (lib/limits: limits.rate_limited with {minutes} past them). On the
 * database handle, committed at once: a refused or failed attempt stays
 * counted.
 */
async function limitBookingAttempt(deps: Pick<BookingDeps, 'db' | 'clock' | 'keys'>, input: Pick<BookInput, 'client' | 'registrationNumber'>): Promise<void> {
  await consumeAttempt(deps.db, deps.clock, deps.keys, { limit: 'booking_client', subject: input.client, ...BOOKING_CLIENT_LIMIT });
  const subject = input.registrationNumber.replace(/[\s-]/g, '').slice(0, 40);
  await consumeAttempt(deps.db, deps.clock, deps.keys, { limit: 'booking_reg', subject, ...BOOKING_REG_LIMIT });
}

/**
 * A resident books a seat. They say who they are with the same three facts
 * as enrollment (registration number, card number, birth date: which of
 * them is wrong is not said); an eligible resident with a legacy card — or
 * a chip card, if they want help — gets the seat, a reference and the
 * booking's link, in ONE transaction with the audit entry and the counter.
 * Then the link goes by SMS to the phone on record.
 *
 * Throws proofing.slot_full (the caller offers alternativesFor), slot_closed,
 * slot_unknown, identity_mismatch, not_eligible {reason}, already_booked
 * {reference}, limits.rate_limited {minutes}.
 */
export async function bookSlot(deps: BookingDeps, input: BookInput): Promise<BookedSlot> {
  const { db, clock, keys } = deps;
  await limitBookingAttempt(deps, input);
  if (!isSlotId(input.slotId)) throw bookingErrors.create('slot_unknown');
  let result: { row: Booking; secret: string; slot: Slot; residentId: number };
  try {
    result = await transactionWithRetry(db, async (tx) => {
      const resident = await findResidentByRegistrationNumber(tx, keys, input.registrationNumber);
      const card = resident ? await findCurrentCard(tx, resident.id) : null;
      const serial = normaliseCardSerial(input.cardSerial);
      if (!resident || !card || card.serial !== serial || resident.birthDate !== input.birthDate) {
        throw bookingErrors.create('identity_mismatch');
      }
      const eligibility = checkEligibility(resident, card, seoulDay(clock.now()));
      if (!eligibility.eligible) throw bookingErrors.create('not_eligible', { reason: eligibility.reason });
      const live = await liveBookingOf(tx, resident.id);
      if (live) throw bookingErrors.create('already_booked', { reference: live.reference });

      const slot = await takeSeat(tx, clock, input.slotId);
      const { row, secret } = await insertBooking(tx, clock, { slotId: slot.id, residentId: resident.id, locale: input.locale });
      await recordAudit(tx, clock, {
        actor: { kind: 'resident', id: resident.id },
        action: 'booking.created',
        subject: { kind: 'resident', id: resident.id },
        detail: { bookingId: row.id, reference: row.reference, slotId: slot.id, kind: slot.kind, cardKind: card.kind },
      });
      await countFunnelEvent(tx, clock, { event: 'booking_created', locale: input.locale, path: slot.kind });
      await countBookingMade(tx, clock, { locale: input.locale, kind: slot.kind, startsAt: slot.startsAt });
      return { row, secret, slot, residentId: resident.id };
    });
  } catch (error) {
    if (isOneLiveBookingViolation(error)) {
      // The same resident booked twice at once: the index let one through.
      const resident = await findResidentByRegistrationNumber(db, keys, input.registrationNumber);
      const live = resident ? await liveBookingOf(db, resident.id) : null;
      throw bookingErrors.create('already_booked', live ? { reference: live.reference } : {});
    }
    if (bookingErrors.is(error, 'identity_mismatch')) {
      await recordAudit(db, clock, { actor: { kind: 'anonymous' }, action: 'booking.identify_failed', detail: { slotId: input.slotId } });
    }
    throw error;
  }
  const link = bookingLink(deps.origin, input.locale, result.secret);
  const smsSent = await tell(deps, result.residentId, 'booked', input.locale, {
    link,
    startsAt: result.slot.startsAt,
    reference: result.row.reference,
  });
  return { booking: bookingView(result.row, false), slot: slotView(result.slot), secret: result.secret, link, smsSent };
}

/** The booking a link's secret names, locked for the change about to be made. */
async function lockBySecret(tx: Executor, secret: string): Promise<Booking> {
  if (!isBookingSecret(secret)) throw bookingErrors.create('booking_unknown');
  const [row] = await tx.select().from(bookings).where(eq(bookings.secretHash, sha256(secret))).for('update');
  if (!row) throw bookingErrors.create('booking_unknown');
  if (row.status !== 'booked') throw bookingErrors.create('booking_closed');
  return row;
}

/**
 * The resident moves their booking to another slot: in ONE transaction the
 * new seat is taken (the same conditional update; proofing.slot_full when
 * someone was quicker), the old seat released, the old booking cancelled
 * and a new one made with rescheduled_from pointing at it. Both slots are
 * locked in id order first, so two residents swapping slots cannot
 * deadlock. The new link goes by SMS.
 */
export async function rescheduleBooking(
  deps: BookingDeps,
  input: { secret: string; slotId: string; locale?: Locale },
): Promise<BookedSlot> {
  const { db, clock } = deps;
  if (!isSlotId(input.slotId)) throw bookingErrors.create('slot_unknown');
  const result = await transactionWithRetry(db, async (tx) => {
    const old = await lockBySecret(tx, input.secret);
    if (old.slotId === input.slotId) throw bookingErrors.create('booking_same_slot');
    const locked = await tx
      .select({ id: slots.id, startsAt: slots.startsAt })
      .from(slots)
      .where(inArray(slots.id, [old.slotId, input.slotId]))
      .orderBy(asc(slots.id))
      .for('update');
    const oldSlot = locked.find((s) => s.id === old.slotId);
    if (!oldSlot || oldSlot.startsAt <= clock.now()) throw bookingErrors.create('booking_closed');
    const slot = await takeSeat(tx, clock, input.slotId);
    await releaseSeat(tx, old.slotId);
    const now = clock.now();
    await tx.update(bookings).set({ status: 'cancelled', endedAt: now }).where(eq(bookings.id, old.id));
    const locale = input.locale ?? (isLocale(old.locale) ? old.locale : 'en');
    const { row, secret } = await insertBooking(tx, clock, { slotId: slot.id, residentId: old.residentId, locale, rescheduledFrom: old.id });
    await recordAudit(tx, clock, {
      actor: { kind: 'resident', id: old.residentId },
      action: 'booking.rescheduled',
      subject: { kind: 'resident', id: old.residentId },
      detail: { from: old.id, to: row.id, fromSlot: old.slotId, toSlot: slot.id, reference: row.reference },
    });
    await countFunnelEvent(tx, clock, { event: 'booking_rescheduled', locale, path: slot.kind });
    return { row, secret, slot, locale };
  });
  const link = bookingLink(deps.origin, result.locale, result.secret);
  const smsSent = await tell(deps, result.row.residentId, 'rescheduled', result.locale, {
    link,
    startsAt: result.slot.startsAt,
    reference: result.row.reference,
  });
  return { booking: bookingView(result.row, false), slot: slotView(result.slot), secret: result.secret, link, smsSent };
}

/** The resident cancels: the booking ends and its seat is free again, with the audit entry, in one transaction. */
export async function cancelBooking(deps: Pick<BookingDeps, 'db' | 'clock'>, input: { secret: string }): Promise<FoundBooking> {
  const { db, clock } = deps;
  return transactionWithRetry(db, async (tx) => {
    const booking = await lockBySecret(tx, input.secret);
    const [slot] = await tx.select().from(slots).where(eq(slots.id, booking.slotId)).for('update');
    if (!slot || slot.startsAt <= clock.now()) throw bookingErrors.create('booking_closed');
    const [row] = await tx
      .update(bookings)
      .set({ status: 'cancelled', endedAt: clock.now() })
      .where(eq(bookings.id, booking.id))
      .returning();
    const [released] = await tx
      .update(slots)
      .set({ booked: sql`${slots.booked} - 1` })
      .where(and(eq(slots.id, slot.id), gt(slots.booked, 0)))
      .returning();
    await recordAudit(tx, clock, {
      actor: { kind: 'resident', id: booking.residentId },
      action: 'booking.cancelled',
      subject: { kind: 'resident', id: booking.residentId },
      detail: { bookingId: booking.id, slotId: slot.id, by: 'resident' },
    });
    await countFunnelEvent(tx, clock, { event: 'booking_cancelled', locale: booking.locale, path: slot.kind });
    return { booking: bookingView(row!, false), slot: slotView(released ?? slot), residentId: booking.residentId };
  });
}

/**
 * The booking a link's secret names, with its slot and resident, or null
 * (for the booking's own pages, its calendar file and the video call).
 */
export async function findBookingBySecret(db: Executor, secret: string): Promise<FoundBooking | null> {
  if (!isBookingSecret(secret)) return null;
  const [found] = await db
    .select({ booking: bookings, slot: slots })
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .where(eq(bookings.secretHash, sha256(secret)));
  if (!found) return null;
  const [next] = await db.select({ id: bookings.id }).from(bookings).where(eq(bookings.rescheduledFrom, found.booking.id)).limit(1);
  return { booking: bookingView(found.booking, !!next), slot: slotView(found.slot), residentId: found.booking.residentId };
}

/** A booking by id with its slot (for staff pages and the video session), or null. */
export async function findBookingById(db: Executor, bookingId: string): Promise<FoundBooking | null> {
  if (!isSlotId(bookingId)) return null;
  const [found] = await db
    .select({ booking: bookings, slot: slots })
    .from(bookings)
    .innerJoin(slots, eq(slots.id, bookings.slotId))
    .where(eq(bookings.id, bookingId));
  if (!found) return null;
  const [next] = await db.select({ id: bookings.id }).from(bookings).where(eq(bookings.rescheduledFrom, found.booking.id)).limit(1);
  return { booking: bookingView(found.booking, !!next), slot: slotView(found.slot), residentId: found.booking.residentId };
}

/**
 * The next free slots to offer when one was full: the same kind in the
 * resident's language first, then any kind, soonest first.
 */
export async function alternativesFor(
  db: Executor,
  clock: Clock,
  input: { slotId: string; language: string; limit?: number },
): Promise<SlotView[]> {
  const limit = input.limit ?? 3;
  const full = isSlotId(input.slotId) ? (await db.select({ kind: slots.kind }).from(slots).where(eq(slots.id, input.slotId)))[0] : undefined;
  const same = full ? await findSlots(db, clock, { language: input.language, kind: full.kind, except: input.slotId, limit }) : [];
  if (same.length >= limit) return same;
  const any = await findSlots(db, clock, { language: input.language, except: input.slotId, limit: limit + same.length });
  return [...same, ...any.filter((s) => !same.some((t) => t.id === s.id))].slice(0, limit);
}

/**
 * Ends a live booking with what happened: completed (the check took place,
 * whatever its outcome) or no_show. For the officer desk and the video
 * session, inside their transaction; proofing.booking_closed when it is no
 * longer live (or belongs to another resident than the one named).
 */
export async function endBooking(
  tx: Executor,
  clock: Clock,
  input: { bookingId: string; status: 'completed' | 'no_show'; officerId: string; residentId?: number },
): Promise<void> {
  if (!isSlotId(input.bookingId)) throw bookingErrors.create('booking_unknown');
  const conditions = [eq(bookings.id, input.bookingId), eq(bookings.status, 'booked')];
  if (input.residentId !== undefined) conditions.push(eq(bookings.residentId, input.residentId));
  const [row] = await tx
    .update(bookings)
    .set({ status: input.status, endedAt: clock.now() })
    .where(and(...conditions))
    .returning();
  if (!row) throw bookingErrors.create('booking_closed');
  const [slot] = await tx.select({ kind: slots.kind }).from(slots).where(eq(slots.id, row.slotId));
  await recordAudit(tx, clock, {
    actor: { kind: 'staff', id: input.officerId },
    action: input.status === 'completed' ? 'booking.completed' : 'booking.no_show',
    subject: { kind: 'resident', id: row.residentId },
    detail: { bookingId: row.id, slotId: row.slotId },
  });
  await countFunnelEvent(tx, clock, { event: `booking_${input.status}`, locale: row.locale, path: slot?.kind ?? '' });
}

/**
 * The officer desk opens a booked in-person visit (an office visit or a
 * community day, today in Korea, still booked): it gets the registration
 * number to run its own audited look-up with, and this opening is audited
 * too (booking.visit_opened). proofing.visit_unavailable otherwise.
 */
export async function openBookedVisit(
  db: Executor,
  clock: Clock,
  keys: DataKeys,
  input: { officerId: string; bookingId: string },
): Promise<{ registrationNumber: string; reference: string; residentId: number; bookingId: string }> {
  if ((await activeStaffRole(db, input.officerId)) !== 'officer') throw proofingErrors.create('not_an_officer');
  const found = await findBookingById(db, input.bookingId);
  const today = seoulDay(clock.now());
  if (
    !found ||
    found.booking.status !== 'booked' ||
    found.slot.kind === 'video' ||
    found.slot.cancelled ||
    seoulDay(found.slot.startsAt) !== today
  ) {
    throw bookingErrors.create('visit_unavailable');
  }
  const personal = await getResidentPersonalData(db, keys, found.residentId);
  if (!personal) throw bookingErrors.create('visit_unavailable');
  await recordAudit(db, clock, {
    actor: { kind: 'staff', id: input.officerId },
    action: 'booking.visit_opened',
    subject: { kind: 'resident', id: found.residentId },
    detail: { bookingId: found.booking.id, slotId: found.slot.id, kind: found.slot.kind },
  });
  return { registrationNumber: personal.registrationNumber, reference: found.booking.reference, residentId: found.residentId, bookingId: found.booking.id };
}

/**
 * The officer cancels their slot (slots.ts cancelSlot: bookings cancelled,
 * seats released, audited), then each resident who had booked it is told
 * by SMS, in the language they booked in, with the booking page's address
 * to pick another time.
 */
export async function cancelSlotAndTell(
  deps: BookingDeps,
  input: { officerId: string; slotId: string },
): Promise<{ slot: SlotView; cancelled: CancelledSlotBooking[]; told: number }> {
  const result = await cancelSlot(deps.db, deps.clock, input);
  let told = 0;
  for (const b of result.cancelled) {
    const locale = isLocale(b.locale) ? b.locale : 'en';
    const link = `${deps.origin.replace(/\/+$/, '')}/${locale}/booking`;
    if (await tell(deps, b.residentId, 'slot_cancelled', locale, { link, startsAt: result.slot.startsAt, reference: b.reference })) told++;
  }
  return { ...result, told };
}

export type { CancelledSlotBooking };

/**
 * The officer desk issued the grant for a booked in-person visit: the
 * booking is done (completed), in the grant's transaction. Only a live
 * booking of that same resident is touched; anything else (cancelled
 * meanwhile, someone else's id) leaves the grant alone and changes nothing.
 */
export async function completeBookedVisit(
  tx: Executor,
  clock: Clock,
  input: { bookingId: string; officerId: string; residentId: number },
): Promise<boolean> {
  try {
    await endBooking(tx, clock, { ...input, status: 'completed' });
    return true;
  } catch (error) {
    if (bookingErrors.is(error, 'booking_closed') || bookingErrors.is(error, 'booking_unknown')) return false;
    throw error;
  }
}
