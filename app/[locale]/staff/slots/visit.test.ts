// The in-person check starts from a booked visit: the officer desk accepts
// a booking id (intent=visit), lib/proofing opens the visit (audited) and
// the desk runs its own audited look-up with the registration number it
// gets; showing the QR code (intent=issue with the booking id) marks the
// booking done in the grant's transaction. A video booking, or a visit of
// another day, is refused; a booking id given with another resident's
// check changes nothing.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditEvents, staff } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { addResident, officerId as demoOfficer } from '@/lib/enrollment/testing';
import { bookSlot, findBookingById, publishSlot, type BookingDeps, type SlotKind } from '@/lib/proofing';
import { createSession, STAFF_SESSION_TTL_MS } from '@/lib/security';
import { SimulatedSmsSender } from '@/lib/sms';

const ORIGIN = 'http://localhost:3000';
const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined), set: () => {} }),
  headers: async () => new Headers({ host: 'localhost:3000', origin: ORIGIN }),
}));

const { officerDeskAction } = await import('../actions');
type OfficerState = import('../actions').OfficerState;

const CONTEXT = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
// 10:00 in Korea.
const clock = fixedClock('2026-03-03T01:00:00Z');
let database: TestDatabase;
let deps: BookingDeps;
let officer: string;
let session: string;
let n = 0;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
  database = await openTestDatabase();
  officer = await demoOfficer(database.db, database.keys, clock);
  session = await createSession(database.db, clock, { kind: 'staff', subjectId: officer, ttlMs: STAFF_SESSION_TTL_MS });
  deps = { db: database.db, clock, keys: database.keys, sms: new SimulatedSmsSender(database.keys, () => {}), origin: ORIGIN, smsText: () => 'x' };
  holder[CONTEXT] = Promise.resolve({ db: database.db, keys: database.keys, clock, database, config: { rpId: 'localhost', origins: [ORIGIN] }, demo: false });
});
beforeEach(() => {
  jar.clear();
  jar.set('arc_staff', session);
});
afterAll(async () => {
  delete holder[CONTEXT];
  await database?.close();
  vi.restoreAllMocks();
});

async function booked(kind: SlotKind, inHours: number) {
  const slot = await publishSlot(database.db, clock, {
    officerId: officer,
    kind,
    startsAt: new Date(clock.now().getTime() + inHours * 3_600_000),
    minutes: 30,
    capacity: 4,
    languages: ['ko', 'zh-CN'],
    interpreter: true,
    place: kind === 'office' ? 'seoul' : kind === 'community' ? 'Ansan hall' : null,
    host: kind === 'community' ? 'Ansan association' : null,
  });
  const resident = await addResident(database.db, database.keys, { kind: 'legacy' });
  const b = await bookSlot(deps, { slotId: slot.id, registrationNumber: resident.registrationNumber, cardSerial: resident.serial, birthDate: resident.birthDate, locale: 'zh-CN', client: `10.3.0.${++n}` });
  return { resident, booking: b.booking };
}

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  f.set('locale', 'en');
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe('the officer desk from a booked visit', () => {
  it('opens today\'s office visit, looks the resident up (both audited), and the grant marks the booking done', async () => {
    const { resident, booking } = await booked('office', 2);
    const found = (await officerDeskAction({}, form({ intent: 'visit', bookingId: booking.id }))) as OfficerState;
    expect(found.error).toBeUndefined();
    expect(found.resident?.residentId).toBe(resident.id);
    expect(found.registrationNumber).toBe(resident.registrationNumber);
    expect(found.visit).toEqual({ bookingId: booking.id, reference: booking.reference });
    const audits = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, String(resident.id))));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['booking.visit_opened', 'proofing.resident_viewed']));

    const issued = (await officerDeskAction(
      found,
      form({ intent: 'issue', registrationNumber: found.registrationNumber!, residentId: String(resident.id), photoMatches: 'on', cardGenuine: 'on', bookingId: booking.id }),
    )) as OfficerState;
    expect(issued.grant?.shortCode).toBeTruthy();
    expect((await findBookingById(database.db, booking.id))?.booking.status).toBe('completed');
  });

  it('a community day of today works the same; a video booking or another day\'s visit is refused', async () => {
    const community = await booked('community', 3);
    expect(((await officerDeskAction({}, form({ intent: 'visit', bookingId: community.booking.id }))) as OfficerState).resident?.residentId).toBe(community.resident.id);
    for (const other of [await booked('video', 2), await booked('office', 30)]) {
      const state = (await officerDeskAction({}, form({ intent: 'visit', bookingId: other.booking.id }))) as OfficerState;
      expect(state.resident).toBeUndefined();
      expect(state.error).toMatch(/cannot be checked now/);
    }
  });

  it('a booking id sent with another resident\'s check does not end that booking', async () => {
    const mine = await booked('office', 2);
    const someoneElse = await booked('office', 2);
    const found = (await officerDeskAction({}, form({ intent: 'find', registrationNumber: someoneElse.resident.registrationNumber }))) as OfficerState;
    const issued = (await officerDeskAction(
      found,
      form({ intent: 'issue', registrationNumber: someoneElse.resident.registrationNumber, residentId: String(someoneElse.resident.id), photoMatches: 'on', cardGenuine: 'on', bookingId: mine.booking.id }),
    )) as OfficerState;
    expect(issued.grant).toBeDefined();
    expect((await findBookingById(database.db, mine.booking.id))?.booking.status).toBe('booked');
  });

  it('is for officers only', async () => {
    const { booking } = await booked('office', 2);
    const analyst = (await database.db.select().from(staff)).find((s) => s.role === 'analyst')!.id;
    jar.set('arc_staff', await createSession(database.db, clock, { kind: 'staff', subjectId: analyst, ttlMs: STAFF_SESSION_TTL_MS }));
    const state = (await officerDeskAction({}, form({ intent: 'visit', bookingId: booking.id }))) as OfficerState;
    expect(state.resident).toBeUndefined();
    expect(state.error).toBeTruthy();
  });
});
