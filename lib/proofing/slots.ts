// Slots: the times officers publish for identity checks — a video call, an
// office visit, or a community day at a partner's venue — and how residents
// find the free ones (by language, kind and date) and the wait to the first.
// The seat count lives in the database (slots.booked, held under capacity by
// a CHECK and taken by one conditional UPDATE in bookings.ts).
import { and, asc, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { bookings, slots, type BookingStatus, type Slot, type SlotKind } from '@/db/schema';
import type { Db, Executor } from '@/db/client';
import { countFunnelEvent } from '@/lib/analytics';
import { recordAudit } from '@/lib/audit';
import { isCalendarDay, seoulDay, type Clock } from '@/lib/clock';
import { coreErrors, defineErrors, type CodeOf } from '@/lib/errors';
import { officeIds } from '@/lib/guidance';
import { isLocale, locales, type Locale } from '@/lib/i18n';
import { activeStaffRole } from '@/lib/staff';
import { proofingErrors } from './grants';

export const SLOT_KINDS = ['video', 'office', 'community'] as const satisfies readonly SlotKind[];
export type { SlotKind };

export function isSlotKind(value: unknown): value is SlotKind {
  return typeof value === 'string' && (SLOT_KINDS as readonly string[]).includes(value);
}

/** Limits the schema's CHECKs hold too; the officer's form offers the same. */
export const SLOT_MINUTES = { min: 5, max: 480 } as const;
export const SLOT_CAPACITY = { min: 1, max: 100 } as const;
/** Slots are published at most this far ahead. */
export const SLOT_MAX_DAYS_AHEAD = 180;
/** The most slots one search answers with. */
export const SLOT_SEARCH_LIMIT = 30;
/**
 * Free times on one page of the booking search, soonest first, with a link to
 * the later ones: ten cards are three or four days, about four screens of a
 * phone (thirty were eleven thousand pixels in Arabic).
 */
export const SLOT_PAGE_SIZE = 10;

/**
 * What a resident or an officer can get wrong, or meet, with slots and
 * bookings: message keys errors.proofing.*. (The grant codes of the same
 * capability are declared in grants.ts.)
 */
export const bookingErrors = defineErrors('proofing', {
  /** Every seat of the slot is taken (the caller offers the next free slots). */
  slot_full: 409,
  /** The slot was cancelled, or its time has come. */
  slot_closed: 410,
  slot_unknown: 404,
  /** The resident already holds a live booking ({reference}). */
  already_booked: 409,
  /** The registration number, card number and birth date do not match one resident's current card. */
  identity_mismatch: 400,
  /** The resident cannot get the mobile card now ({reason}: under_14, no_card, card_expired, card_not_yet_valid, not_registered). */
  not_eligible: 403,
  booking_unknown: 404,
  /** Cancelled, moved, done, or its time has come: it cannot be changed any more. */
  booking_closed: 409,
  booking_same_slot: 409,
  /** The officer desk cannot open this booking (not an office or community visit of today, or no longer booked). */
  visit_unavailable: 409,
  slot_start_past: 400,
  slot_start_too_far: 400,
  slot_place_required: 400,
  slot_host_required: 400,
  slot_office_unknown: 400,
  slot_languages_required: 400,
  slot_not_yours: 403,
});

export type BookingErrorCode = CodeOf<typeof bookingErrors>;

/** A slot as pages show it. `free` = capacity − booked. */
export type SlotView = {
  id: string;
  kind: SlotKind;
  startsAt: Date;
  endsAt: Date;
  minutes: number;
  capacity: number;
  booked: number;
  free: number;
  languages: Locale[];
  interpreter: boolean;
  /** Office visits: the office's id (guide.offices.<id>); community days: the venue as published. */
  place: string | null;
  /** Community days: the host association or embassy. */
  host: string | null;
  cancelled: boolean;
};

export function slotView(row: Slot): SlotView {
  return {
    id: row.id,
    kind: row.kind,
    startsAt: row.startsAt,
    endsAt: new Date(row.startsAt.getTime() + row.minutes * 60_000),
    minutes: row.minutes,
    capacity: row.capacity,
    booked: row.booked,
    free: Math.max(0, row.capacity - row.booked),
    languages: row.languages.filter(isLocale),
    interpreter: row.interpreter,
    place: row.place,
    host: row.host,
    cancelled: row.cancelledAt !== null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isSlotId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** The instant a Korean day starts (YYYY-MM-DD, Asia/Seoul: UTC+9, no daylight saving). */
export function seoulDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+09:00`);
}

/** A day and a time of day in Korea as an instant: ("2026-05-04", "14:30") → 05:30Z. Null when either is not one. */
export function seoulInstant(day: string, time: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const at = new Date(`${day}T${time}:00+09:00`);
  if (Number.isNaN(at.getTime()) || seoulDay(at) !== day) return null;
  return at;
}

async function requireOfficer(db: Executor, officerId: string): Promise<void> {
  if ((await activeStaffRole(db, officerId)) !== 'officer') throw proofingErrors.create('not_an_officer');
}

// ---------------------------------------------------------------- officers publish

export type PublishSlotInput = {
  officerId: string;
  kind: SlotKind;
  startsAt: Date;
  minutes: number;
  capacity: number;
  /** Locale codes spoken in the slot (the officer's or an interpreter's). */
  languages: readonly string[];
  /** An interpreter can be called in for other languages. */
  interpreter: boolean;
  /** Office visits: the office's id; community days: the venue. */
  place?: string | null;
  /** Community days: the hosting association or embassy. */
  host?: string | null;
};

const inRange = (n: number, r: { min: number; max: number }) => Number.isInteger(n) && n >= r.min && n <= r.max;

/** The slot as it will be stored, or the first thing wrong with it. */
function checkSlotInput(clock: Clock, input: PublishSlotInput): { languages: Locale[]; place: string | null; host: string | null } {
  const now = clock.now();
  if (!(input.startsAt instanceof Date) || Number.isNaN(input.startsAt.getTime()) || input.startsAt <= now) {
    throw bookingErrors.create('slot_start_past');
  }
  if (input.startsAt.getTime() - now.getTime() > SLOT_MAX_DAYS_AHEAD * 86_400_000) {
    throw bookingErrors.create('slot_start_too_far', { days: SLOT_MAX_DAYS_AHEAD });
  }
  if (!isSlotKind(input.kind)) throw coreErrors.create('invalid_input', { fields: 'kind' });
  if (!inRange(input.minutes, SLOT_MINUTES)) throw coreErrors.create('invalid_input', { fields: 'minutes' });
  if (!inRange(input.capacity, SLOT_CAPACITY)) throw coreErrors.create('invalid_input', { fields: 'capacity' });
  if (input.languages.some((l) => !isLocale(l))) throw coreErrors.create('invalid_input', { fields: 'languages' });
  const languages = locales.filter((l) => input.languages.includes(l));
  if (languages.length === 0) throw bookingErrors.create('slot_languages_required');
  const place = input.place?.trim() || null;
  const host = input.host?.trim() || null;
  if (input.kind === 'office') {
    if (!place) throw bookingErrors.create('slot_place_required');
    if (!(officeIds as readonly string[]).includes(place)) throw bookingErrors.create('slot_office_unknown');
    return { languages, place, host: null };
  }
  if (input.kind === 'community') {
    if (!place || place.length > 200) throw bookingErrors.create('slot_place_required');
    if (!host || host.length > 120) throw bookingErrors.create('slot_host_required');
    return { languages, place, host };
  }
  return { languages, place: null, host: null };
}

/**
 * An officer publishes a slot: a start in the future (at most 180 days
 * ahead), a length, a number of seats, the languages spoken (a subset of
 * ARC Mobile's locales) or an interpreter, and for office visits the office,
 * for community days the venue and its host. Audited (slot.published).
 */
export async function publishSlot(db: Db, clock: Clock, input: PublishSlotInput): Promise<SlotView> {
  const checked = checkSlotInput(clock, input);
  return db.transaction(async (tx) => {
    await requireOfficer(tx, input.officerId);
    const [row] = await tx
      .insert(slots)
      .values({
        kind: input.kind,
        startsAt: input.startsAt,
        minutes: input.minutes,
        capacity: input.capacity,
        languages: checked.languages,
        interpreter: input.interpreter,
        place: checked.place,
        host: checked.host,
        officerId: input.officerId,
        createdAt: clock.now(),
      })
      .returning();
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'slot.published',
      subject: { kind: 'slot', id: row!.id },
      detail: {
        kind: row!.kind,
        startsAt: row!.startsAt.toISOString(),
        minutes: row!.minutes,
        capacity: row!.capacity,
        languages: checked.languages,
        interpreter: row!.interpreter,
        ...(checked.place && input.kind === 'office' ? { office: checked.place } : {}),
      },
    });
    return slotView(row!);
  });
}

/** A booking a slot's cancellation ended: who to tell, in which language. */
export type CancelledSlotBooking = { bookingId: string; residentId: number; locale: string; reference: string };

/**
 * The officer who published a slot cancels it: the slot closes, every live
 * booking of it is cancelled and its seat released, in one transaction with
 * the audit entry (slot.cancelled, and booking.cancelled for each). Returns
 * the bookings it ended, for the caller to tell the residents (bookings.ts
 * cancelSlotAndTell sends them an SMS).
 */
export async function cancelSlot(
  db: Db,
  clock: Clock,
  input: { officerId: string; slotId: string },
): Promise<{ slot: SlotView; cancelled: CancelledSlotBooking[] }> {
  if (!isSlotId(input.slotId)) throw bookingErrors.create('slot_unknown');
  return db.transaction(async (tx) => {
    await requireOfficer(tx, input.officerId);
    const [slot] = await tx.select().from(slots).where(eq(slots.id, input.slotId)).for('update');
    if (!slot) throw bookingErrors.create('slot_unknown');
    if (slot.officerId !== input.officerId) throw bookingErrors.create('slot_not_yours');
    if (slot.cancelledAt) throw bookingErrors.create('slot_closed');
    const now = clock.now();
    const ended = await tx
      .update(bookings)
      .set({ status: 'cancelled', endedAt: now })
      .where(and(eq(bookings.slotId, slot.id), eq(bookings.status, 'booked')))
      .returning({ bookingId: bookings.id, residentId: bookings.residentId, locale: bookings.locale, reference: bookings.reference });
    const [row] = await tx
      .update(slots)
      .set({ cancelledAt: now, booked: sql`${slots.booked} - ${ended.length}` })
      .where(eq(slots.id, slot.id))
      .returning();
    for (const b of ended) {
      await recordAudit(tx, clock, {
        actor: { kind: 'staff', id: input.officerId },
        action: 'booking.cancelled',
        subject: { kind: 'resident', id: b.residentId },
        detail: { bookingId: b.bookingId, slotId: slot.id, by: 'slot_cancelled' },
      });
      await countFunnelEvent(tx, clock, { event: 'booking_cancelled', locale: b.locale, path: slot.kind });
    }
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'slot.cancelled',
      subject: { kind: 'slot', id: slot.id },
      detail: { kind: slot.kind, startsAt: slot.startsAt.toISOString(), bookingsCancelled: ended.length },
    });
    return { slot: slotView(row!), cancelled: ended };
  });
}

// ---------------------------------------------------------------- residents find

export type SlotSearch = {
  /** A locale code: slots that list it, or have an interpreter. */
  language?: string | null;
  kind?: SlotKind | null;
  /** First and last day (YYYY-MM-DD, in Korea), both included. */
  from?: string | null;
  to?: string | null;
  /** A slot to leave out (the one just found full, or the booking's own). */
  except?: string | null;
  /**
   * The last slot of the page before: only slots after it in the search's
   * order (start, then id). A slot id that does not exist is no filter.
   */
  after?: string | null;
  limit?: number;
};

/** The conditions of an open slot with a free seat, for a search. */
function openSlotConditions(clock: Clock, search: SlotSearch): SQL[] {
  const conditions: SQL[] = [isNull(slots.cancelledAt), gt(slots.startsAt, clock.now()), lt(slots.booked, slots.capacity)];
  if (search.language && isLocale(search.language)) {
    conditions.push(or(sql`${search.language} = any(${slots.languages})`, eq(slots.interpreter, true))!);
  }
  if (search.kind && isSlotKind(search.kind)) conditions.push(eq(slots.kind, search.kind));
  // A day that does not exist (2026-13-45, typed into the address) is no filter, as an empty one.
  if (search.from && isCalendarDay(search.from)) conditions.push(gte(slots.startsAt, seoulDayStart(search.from)));
  if (search.to && isCalendarDay(search.to)) conditions.push(lt(slots.startsAt, new Date(seoulDayStart(search.to).getTime() + 86_400_000)));
  if (search.except && isSlotId(search.except)) conditions.push(sql`${slots.id} <> ${search.except}`);
  return conditions;
}

/**
 * Upcoming slots with a free seat, soonest first: not cancelled, not
 * started, matching the language (listed, or an interpreter), the kind and
 * the days asked for.
 */
export async function findSlots(db: Executor, clock: Clock, search: SlotSearch = {}): Promise<SlotView[]> {
  const limit = Math.max(1, Math.min(search.limit ?? SLOT_SEARCH_LIMIT, SLOT_SEARCH_LIMIT));
  const conditions = openSlotConditions(clock, search);
  if (search.after && isSlotId(search.after)) {
    const [previous] = await db.select({ startsAt: slots.startsAt, id: slots.id }).from(slots).where(eq(slots.id, search.after));
    if (previous) conditions.push(or(gt(slots.startsAt, previous.startsAt), and(eq(slots.startsAt, previous.startsAt), gt(slots.id, previous.id)))!);
  }
  const rows = await db
    .select()
    .from(slots)
    .where(and(...conditions))
    .orderBy(asc(slots.startsAt), asc(slots.id))
    .limit(limit);
  return rows.map(slotView);
}

/**
 * One page of a search: SLOT_PAGE_SIZE slots after search.after (or from the
 * soonest), and whether later ones exist.
 */
export async function findSlotPage(db: Executor, clock: Clock, search: Omit<SlotSearch, 'limit'>): Promise<{ slots: SlotView[]; later: boolean }> {
  const found = await findSlots(db, clock, { ...search, limit: SLOT_PAGE_SIZE + 1 });
  return { slots: found.slice(0, SLOT_PAGE_SIZE), later: found.length > SLOT_PAGE_SIZE };
}

/** One slot by id (open or not), or null. */
export async function getSlot(db: Executor, slotId: string): Promise<SlotView | null> {
  if (!isSlotId(slotId)) return null;
  const [row] = await db.select().from(slots).where(eq(slots.id, slotId));
  return row ? slotView(row) : null;
}

export type SlotWait = {
  slot: SlotView;
  /** From now to the slot's start. */
  ms: number;
  /** Whole days and the hours left over. */
  days: number;
  hours: number;
};

/** How long until the first free slot in a language (of one kind, if asked), or null when none is open. */
export async function firstFreeSlotWait(
  db: Executor,
  clock: Clock,
  search: { language: string; kind?: SlotKind | null },
): Promise<SlotWait | null> {
  const [slot] = await findSlots(db, clock, { language: search.language, kind: search.kind, limit: 1 });
  if (!slot) return null;
  const ms = Math.max(0, slot.startsAt.getTime() - clock.now().getTime());
  return { slot, ms, days: Math.floor(ms / 86_400_000), hours: Math.floor((ms % 86_400_000) / 3_600_000) };
}

// ---------------------------------------------------------------- officers list

export type SlotBookingSummary = { id: string; reference: string; status: Exclude<BookingStatus, 'cancelled'> };

export type OfficerSlot = {
  slot: SlotView;
  /** The slot's bookings, live and ended (not those cancelled by the resident or moved away). */
  bookings: SlotBookingSummary[];
  /** Office visits and community days of today: the desk can start the in-person check from a booking. */
  inPersonToday: boolean;
};

/**
 * The officer's own slots from the start of today (in Korea) on, soonest
 * first, with their bookings' references and states (no personal data: the
 * desk looks the resident up, audited, when the check starts).
 */
export async function listOfficerSlots(
  db: Executor,
  clock: Clock,
  input: { officerId: string; limit?: number },
): Promise<OfficerSlot[]> {
  await requireOfficer(db, input.officerId);
  const today = seoulDay(clock.now());
  const rows = await db
    .select()
    .from(slots)
    .where(and(eq(slots.officerId, input.officerId), gte(slots.startsAt, seoulDayStart(today)), isNull(slots.cancelledAt)))
    .orderBy(asc(slots.startsAt), asc(slots.id))
    .limit(Math.min(input.limit ?? 200, 500));
  const ids = rows.map((r) => r.id);
  const booked = ids.length
    ? await db
        .select({ id: bookings.id, slotId: bookings.slotId, reference: bookings.reference, status: bookings.status })
        .from(bookings)
        .where(and(inArray(bookings.slotId, ids), sql`${bookings.status} <> 'cancelled'`))
        .orderBy(asc(bookings.createdAt))
    : [];
  return rows.map((row) => ({
    slot: slotView(row),
    bookings: booked
      .filter((b) => b.slotId === row.id)
      .map(({ id, reference, status }) => ({ id, reference, status: status as SlotBookingSummary['status'] })),
    inPersonToday: row.kind !== 'video' && seoulDay(row.startsAt) === today,
  }));
}
