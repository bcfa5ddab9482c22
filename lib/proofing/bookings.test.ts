// The booking engine on PGlite (and PostgreSQL when DATABASE_URL is set):
// the race for one seat (50 residents, exactly one wins), the seat count
// after booking, moving and cancelling, one live booking per resident,
// closed slots, the attempt limits, the link's secret and the SMS.
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, bookings, slots, smsOutbox } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { addResident, errorCode, officerId as demoOfficerId, type TestResident } from '@/lib/enrollment/testing';
import { SimulatedSmsSender } from '@/lib/sms';
import {
  BOOKING_REG_LIMIT,
  alternativesFor,
  bookSlot,
  cancelBooking,
  cancelSlotAndTell,
  endBooking,
  findBookingBySecret,
  openBookedVisit,
  publishSlot,
  rescheduleBooking,
  type BookingDeps,
  type SlotKind,
} from '.';

let database: TestDatabase;
let deps: BookingDeps;
let officer: string;
const clock = fixedClock('2026-03-02T01:00:00Z'); // 10:00 in Korea, a Monday
const HOUR = 3_600_000;
let clientN = 0;
/** A client address no other attempt used, so the per-client limit stays out of the way. */
const client = () => `10.0.${Math.floor(++clientN / 250)}.${clientN % 250}`;

beforeAll(async () => {
  database = await openTestDatabase();
  officer = await demoOfficerId(database.db, database.keys, clock);
  deps = {
    db: database.db,
    clock,
    keys: database.keys,
    sms: new SimulatedSmsSender(database.keys, () => {}),
    origin: 'http://localhost:3000',
    smsText: (kind, locale, v) => `[${kind} ${locale}] ${v.reference} ${v.when} ${v.link}`,
  };
}, 60_000);

afterAll(async () => {
  await database?.close();
});

async function slot(over: { kind?: SlotKind; inHours?: number; capacity?: number; languages?: string[]; interpreter?: boolean } = {}) {
  const kind = over.kind ?? 'video';
  return publishSlot(database.db, clock, {
    officerId: officer,
    kind,
    startsAt: new Date(clock.now().getTime() + (over.inHours ?? 24) * HOUR),
    minutes: 20,
    capacity: over.capacity ?? 1,
    languages: over.languages ?? ['ko', 'vi'],
    interpreter: over.interpreter ?? false,
    place: kind === 'office' ? 'seoul' : kind === 'community' ? 'Ansan hall' : null,
    host: kind === 'community' ? 'Ansan association' : null,
  });
}

const facts = (r: TestResident) => ({ registrationNumber: r.registrationNumber, cardSerial: r.serial, birthDate: r.birthDate });
const book = (slotId: string, r: TestResident, over: Partial<Parameters<typeof bookSlot>[1]> = {}) =>
  bookSlot(deps, { slotId, ...facts(r), locale: 'vi', client: client(), ...over });

async function seats(slotId: string): Promise<number> {
  const [row] = await database.db.select({ booked: slots.booked }).from(slots).where(eq(slots.id, slotId));
  return row!.booked;
}

async function liveBookings(slotId: string): Promise<number> {
  const rows = await database.db.select().from(bookings).where(and(eq(bookings.slotId, slotId), eq(bookings.status, 'booked')));
  return rows.length;
}

async function audits(action: string): Promise<number> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.action, action));
  return row!.n;
}

describe('the race for one seat', () => {
  it('50 residents booking a one-seat slot at once: exactly one wins, 49 are told it is full', async () => {
    const one = await slot({ capacity: 1 });
    const residents = await Promise.all(Array.from({ length: 50 }, () => addResident(database.db, database.keys, { kind: 'legacy' })));
    const createdBefore = await audits('booking.created');
    const outcomes = await Promise.all(residents.map((r) => errorCode(book(one.id, r))));
    const tally = outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});
    expect(tally).toEqual({ ok: 1, 'proofing.slot_full': 49 });
    expect(await seats(one.id)).toBe(1);
    expect(await liveBookings(one.id)).toBe(1);
    expect((await audits('booking.created')) - createdBefore).toBe(1);
  }, 120_000);

  it('a slot with 3 seats and 10 residents at once: exactly 3 win', async () => {
    const three = await slot({ capacity: 3, kind: 'office' });
    const residents = await Promise.all(Array.from({ length: 10 }, () => addResident(database.db, database.keys, { kind: 'legacy' })));
    const outcomes = await Promise.all(residents.map((r) => errorCode(book(three.id, r))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'proofing.slot_full')).toHaveLength(7);
    expect(await seats(three.id)).toBe(3);
    expect(await liveBookings(three.id)).toBe(3);
  }, 60_000);

  it('the database itself refuses more bookings than seats (the CHECK), whatever the code does', async () => {
    const one = await slot({ capacity: 1 });
    await book(one.id, await addResident(database.db, database.keys, { kind: 'legacy' }));
    await expect(database.db.update(slots).set({ booked: 2 }).where(eq(slots.id, one.id))).rejects.toThrow();
    expect(await seats(one.id)).toBe(1);
  });
});

describe('booking', () => {
  it('gives a reference, a link with a 256-bit secret (stored only hashed) and sends it by SMS to the phone on record', async () => {
    const s = await slot();
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const booked = await book(s.id, r);
    expect(booked.booking.reference).toMatch(/^B-[2-9A-HJ-NP-TV-Z]{4}-[2-9A-HJ-NP-TV-Z]{4}$/);
    expect(booked.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(booked.link).toBe(`http://localhost:3000/vi/booking/${booked.secret}`);
    expect(booked.link).not.toContain(r.registrationNumber.slice(0, 6));
    expect(booked.smsSent).toBe(true);
    const [row] = await database.db.select().from(bookings).where(eq(bookings.id, booked.booking.id));
    expect(Buffer.from(row!.secretHash).toString('base64url')).not.toContain(booked.secret);
    const [sms] = await database.db.select().from(smsOutbox).orderBy(desc(smsOutbox.id)).limit(1);
    expect(sms!.body).toContain(booked.link);
    expect(sms!.body).toContain(booked.booking.reference);
    expect(sms!.locale).toBe('vi');
    const found = await findBookingBySecret(database.db, booked.secret);
    expect(found?.booking.id).toBe(booked.booking.id);
    expect(found?.residentId).toBe(r.id);
    expect(found?.slot.free).toBe(0);
    expect(await findBookingBySecret(database.db, booked.secret.slice(1) + 'A')).toBeNull();
    expect(await findBookingBySecret(database.db, 'short')).toBeNull();
  });

  it('chip-card holders may book too (they want help); a chip card does not change the rules', async () => {
    const s = await slot();
    expect(await errorCode(book(s.id, await addResident(database.db, database.keys, { kind: 'chip' })))).toBe('ok');
  });

  it('refuses facts that do not match one resident and card, without saying which', async () => {
    const s = await slot();
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    expect(await errorCode(book(s.id, r, { cardSerial: 'RC000000000' }))).toBe('proofing.identity_mismatch');
    expect(await errorCode(book(s.id, r, { birthDate: '1990-05-18' }))).toBe('proofing.identity_mismatch');
    expect(await errorCode(book(s.id, r, { registrationNumber: '900517-5000000' }))).toBe('proofing.identity_mismatch');
    expect(await seats(s.id)).toBe(0);
    // The card number is read the way people type it.
    expect(await errorCode(book(s.id, r, { cardSerial: ` ${r.serial.toLowerCase()} ` }))).toBe('ok');
  });

  it('refuses a resident who cannot get the mobile card (expired card, under 14), naming the reason', async () => {
    const s = await slot();
    const expired = await addResident(database.db, database.keys, { kind: 'legacy', expiresOn: '2026-01-01' });
    const child = await addResident(database.db, database.keys, { kind: 'chip', birthDate: '2015-01-01' });
    const e1 = await book(s.id, expired).catch((e) => e);
    expect(e1.code).toBe('proofing.not_eligible');
    expect(e1.params).toEqual({ reason: 'card_expired' });
    const e2 = await book(s.id, child).catch((e) => e);
    expect(e2.params).toEqual({ reason: 'under_14' });
  });

  it('one live booking per resident: a second is refused with the first one\'s reference, also when both arrive at once', async () => {
    const [a, b, c] = [await slot(), await slot(), await slot()];
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const first = await book(a.id, r);
    const second = await book(b.id, r).catch((e) => e);
    expect(second.code).toBe('proofing.already_booked');
    expect(second.params).toEqual({ reference: first.booking.reference });
    expect(await seats(b.id)).toBe(0);

    const twice = await addResident(database.db, database.keys, { kind: 'legacy' });
    const outcomes = await Promise.all([b, c].map((s) => errorCode(book(s.id, twice))));
    expect(outcomes.sort()).toEqual(['ok', 'proofing.already_booked']);
    expect((await seats(b.id)) + (await seats(c.id))).toBe(1);
  });

  it('cannot book a slot that started, was cancelled or does not exist', async () => {
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const soon = await slot({ inHours: 1 });
    const later = await slot();
    await cancelSlotAndTell(deps, { officerId: officer, slotId: later.id });
    const future = fixedClock(new Date(clock.now().getTime() + 2 * HOUR));
    expect(await errorCode(bookSlot({ ...deps, clock: future }, { slotId: soon.id, ...facts(r), locale: 'vi', client: client() }))).toBe('proofing.slot_closed');
    expect(await errorCode(book(later.id, r))).toBe('proofing.slot_closed');
    expect(await errorCode(book('00000000-0000-4000-8000-000000000000', r))).toBe('proofing.slot_unknown');
    expect(await errorCode(book('not-a-slot', r))).toBe('proofing.slot_unknown');
  });

  it('limits attempts per registration number (identify facts can be guessed); refused attempts stay counted', async () => {
    const s = await slot({ capacity: 5 });
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const wrong = { ...facts(r), cardSerial: 'RC000000000' };
    for (let i = 0; i < BOOKING_REG_LIMIT.max; i++) expect(await errorCode(book(s.id, r, wrong))).toBe('proofing.identity_mismatch');
    const limited = await book(s.id, r).catch((e) => e);
    expect(limited.code).toBe('limits.rate_limited');
    expect(limited.params.minutes).toBeGreaterThan(0);
    expect(await audits('booking.identify_failed')).toBeGreaterThanOrEqual(BOOKING_REG_LIMIT.max);
  });

  it('offers the next free slots of the same kind in the language when one is full', async () => {
    const lang = 'lo';
    const full = await slot({ languages: ['ko', lang], inHours: 30 });
    const next1 = await slot({ languages: ['ko', lang], inHours: 31 });
    const next2 = await slot({ languages: ['ko', lang], inHours: 32, kind: 'office', capacity: 2 });
    await slot({ languages: ['ko', 'ru'], inHours: 30.5 });
    await book(full.id, await addResident(database.db, database.keys, { kind: 'legacy' }));
    const offered = await alternativesFor(database.db, clock, { slotId: full.id, language: lang, limit: 3 });
    expect(offered.map((s) => s.id).slice(0, 1)).toEqual([next1.id]);
    expect(offered.map((s) => s.id)).toContain(next2.id);
    expect(offered.map((s) => s.id)).not.toContain(full.id);
    expect(offered.every((s) => s.languages.includes(lang) || s.interpreter)).toBe(true);
  });
});

describe('rescheduling and cancelling', () => {
  it('moves a booking: new seat taken, old one released, the old booking cancelled and linked from the new one, new link by SMS', async () => {
    const [a, b] = [await slot({ capacity: 2 }), await slot({ capacity: 2 })];
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const first = await book(a.id, r);
    const moved = await rescheduleBooking(deps, { secret: first.secret, slotId: b.id });
    expect(await seats(a.id)).toBe(0);
    expect(await seats(b.id)).toBe(1);
    expect(moved.booking.rescheduledFrom).toBe(first.booking.id);
    expect(moved.booking.reference).not.toBe(first.booking.reference);
    expect(moved.secret).not.toBe(first.secret);
    const old = await findBookingBySecret(database.db, first.secret);
    expect(old?.booking.status).toBe('cancelled');
    expect(old?.booking.movedAway).toBe(true);
    expect((await findBookingBySecret(database.db, moved.secret))?.booking.status).toBe('booked');
    const [sms] = await database.db.select().from(smsOutbox).orderBy(desc(smsOutbox.id)).limit(1);
    expect(sms!.body).toContain('[rescheduled vi]');
    expect(sms!.body).toContain(moved.link);
    // The old link changes nothing any more.
    expect(await errorCode(rescheduleBooking(deps, { secret: first.secret, slotId: a.id }))).toBe('proofing.booking_closed');
    expect(await errorCode(cancelBooking(deps, { secret: first.secret }))).toBe('proofing.booking_closed');
  });

  it('a move to a full slot changes nothing and says so', async () => {
    const [a, full] = [await slot(), await slot()];
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const mine = await book(a.id, r);
    await book(full.id, await addResident(database.db, database.keys, { kind: 'legacy' }));
    expect(await errorCode(rescheduleBooking(deps, { secret: mine.secret, slotId: full.id }))).toBe('proofing.slot_full');
    expect(await seats(a.id)).toBe(1);
    expect((await findBookingBySecret(database.db, mine.secret))?.booking.status).toBe('booked');
    expect(await errorCode(rescheduleBooking(deps, { secret: mine.secret, slotId: a.id }))).toBe('proofing.booking_same_slot');
  });

  it('two residents swapping slots at once both end up with a seat, and no count drifts', async () => {
    const [a, b] = [await slot({ capacity: 2 }), await slot({ capacity: 2 })];
    const [r1, r2] = [await addResident(database.db, database.keys, { kind: 'legacy' }), await addResident(database.db, database.keys, { kind: 'legacy' })];
    const [x, y] = [await book(a.id, r1), await book(b.id, r2)];
    const outcomes = await Promise.all([
      errorCode(rescheduleBooking(deps, { secret: x.secret, slotId: b.id })),
      errorCode(rescheduleBooking(deps, { secret: y.secret, slotId: a.id })),
    ]);
    expect(outcomes).toEqual(['ok', 'ok']);
    expect(await seats(a.id)).toBe(1);
    expect(await seats(b.id)).toBe(1);
  });

  it('cancelling releases the seat for someone else; the booking page then says cancelled', async () => {
    const one = await slot();
    const [r1, r2] = [await addResident(database.db, database.keys, { kind: 'legacy' }), await addResident(database.db, database.keys, { kind: 'legacy' })];
    const mine = await book(one.id, r1);
    expect(await errorCode(book(one.id, r2))).toBe('proofing.slot_full');
    const cancelled = await cancelBooking(deps, { secret: mine.secret });
    expect(cancelled.booking.status).toBe('cancelled');
    expect(await seats(one.id)).toBe(0);
    expect(await errorCode(cancelBooking(deps, { secret: mine.secret }))).toBe('proofing.booking_closed');
    expect(await errorCode(book(one.id, r2))).toBe('ok');
    // And the first resident may book again.
    expect(await errorCode(book((await slot()).id, r1))).toBe('ok');
  });

  it('after its start a booking can no longer be moved or cancelled', async () => {
    const soon = await slot({ inHours: 1 });
    const mine = await book(soon.id, await addResident(database.db, database.keys, { kind: 'legacy' }));
    const later = fixedClock(new Date(clock.now().getTime() + 2 * HOUR));
    expect(await errorCode(cancelBooking({ ...deps, clock: later }, { secret: mine.secret }))).toBe('proofing.booking_closed');
    expect(await errorCode(rescheduleBooking({ ...deps, clock: later }, { secret: mine.secret, slotId: (await slot({ inHours: 30 })).id }))).toBe(
      'proofing.booking_closed',
    );
    expect(await seats(soon.id)).toBe(1);
  });

  it('an officer cancelling a slot cancels its bookings, frees the seats and tells each resident by SMS in their language', async () => {
    const s = await slot({ capacity: 3, kind: 'office' });
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const mine = await bookSlot(deps, { slotId: s.id, ...facts(r), locale: 'ru', client: client() });
    const result = await cancelSlotAndTell(deps, { officerId: officer, slotId: s.id });
    expect(result.cancelled.map((c) => c.bookingId)).toEqual([mine.booking.id]);
    expect(result.told).toBe(1);
    expect(await seats(s.id)).toBe(0);
    expect((await findBookingBySecret(database.db, mine.secret))?.booking.status).toBe('cancelled');
    const [sms] = await database.db.select().from(smsOutbox).orderBy(desc(smsOutbox.id)).limit(1);
    expect(sms!.body).toContain('[slot_cancelled ru]');
    expect(sms!.body).toContain('http://localhost:3000/ru/booking');
    expect(await errorCode(cancelSlotAndTell(deps, { officerId: officer, slotId: s.id }))).toBe('proofing.slot_closed');
  });
});

describe('the in-person visit at the officer desk', () => {
  it('opens a booked office visit of today for the desk\'s own look-up, audited; not a video booking, not another day', async () => {
    const today = await slot({ kind: 'office', inHours: 3, capacity: 2 });
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const visit = await book(today.id, r);
    const opened = await openBookedVisit(database.db, clock, database.keys, { officerId: officer, bookingId: visit.booking.id });
    expect(opened.registrationNumber).toBe(r.registrationNumber);
    expect(opened.reference).toBe(visit.booking.reference);
    expect(await audits('booking.visit_opened')).toBeGreaterThan(0);

    const video = await book((await slot({ inHours: 2 })).id, await addResident(database.db, database.keys, { kind: 'legacy' }));
    expect(await errorCode(openBookedVisit(database.db, clock, database.keys, { officerId: officer, bookingId: video.booking.id }))).toBe(
      'proofing.visit_unavailable',
    );
    const tomorrow = await book((await slot({ kind: 'office', inHours: 30 })).id, await addResident(database.db, database.keys, { kind: 'legacy' }));
    expect(await errorCode(openBookedVisit(database.db, clock, database.keys, { officerId: officer, bookingId: tomorrow.booking.id }))).toBe(
      'proofing.visit_unavailable',
    );

    await database.db.transaction((tx) => endBooking(tx, clock, { bookingId: visit.booking.id, status: 'completed', officerId: officer, residentId: r.id }));
    expect((await findBookingBySecret(database.db, visit.secret))?.booking.status).toBe('completed');
    expect(await errorCode(openBookedVisit(database.db, clock, database.keys, { officerId: officer, bookingId: visit.booking.id }))).toBe(
      'proofing.visit_unavailable',
    );
  });
});
