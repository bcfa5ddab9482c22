// The booking form's server action: badly written facts come back field by
// field before anything is looked up (and what was typed with them); a slot
// taken meanwhile comes back with the next free slots to pick from; success
// goes to the booking's own page, whose address holds the link's secret and
// never the registration number. Moving and cancelling go back to their
// pages. Plus the format checks the browser runs before sending.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { addResident, officerId, type TestResident } from '@/lib/enrollment/testing';
import { findBookingBySecret, publishSlot, type SlotView } from '@/lib/proofing';
import { birthDateOfBoxes, checkIdentityFormat } from './_lib/identity-format';

const ORIGIN = 'http://localhost:3000';
let forwardedFor = '10.2.0.1';
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => undefined, set: () => {} }),
  headers: async () => new Headers({ host: 'localhost:3000', origin: ORIGIN, 'x-forwarded-for': forwardedFor }),
}));

const { bookAction, cancelAction, rescheduleAction } = await import('./actions');
type BookState = import('./actions').BookState;

const CONTEXT = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const clock = fixedClock('2026-03-02T01:00:00Z');
let database: TestDatabase;
let one: SlotView;
let other: SlotView;
let n = 0;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
  database = await openTestDatabase();
  const officer = await officerId(database.db, database.keys, clock);
  const publish = (hours: number) =>
    publishSlot(database.db, clock, { officerId: officer, kind: 'video', startsAt: new Date(clock.now().getTime() + hours * 3_600_000), minutes: 20, capacity: 1, languages: ['ko', 'vi'], interpreter: false });
  one = await publish(24);
  other = await publish(48);
  holder[CONTEXT] = Promise.resolve({ db: database.db, keys: database.keys, clock, database, config: { rpId: 'localhost', origins: [ORIGIN] }, demo: true });
});
beforeEach(() => {
  forwardedFor = `10.2.${Math.floor(++n / 250)}.${n % 250}`;
});
afterAll(async () => {
  delete holder[CONTEXT];
  await database?.close();
  vi.restoreAllMocks();
});

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  f.set('locale', 'vi');
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}
const facts = (r: TestResident) => ({ registrationNumber: r.registrationNumber, cardSerial: r.serial, birthDate: r.birthDate });

/** The address a redirect() inside an action went to. */
async function redirectOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (digest?.startsWith('NEXT_REDIRECT')) return digest.split(';')[2]!;
    throw error;
  }
  throw new Error('no redirect');
}

describe('bookAction', () => {
  it('names each badly written field, keeps what was typed, and looks nothing up', async () => {
    const state = (await bookAction({}, form({ slotId: one.id, registrationNumber: '12345', cardSerial: 'x', birthDate: '' }))) as BookState;
    expect(state.problems).toEqual({ registrationNumber: 'registrationNumber', cardSerial: 'cardSerial', birthDate: 'birthDateMissing' });
    expect(state.fields).toEqual({ registrationNumber: '12345', cardSerial: 'x', birthDate: '' });
    expect(state.error).toBeUndefined();
    const mismatch = (await bookAction({}, form({ slotId: one.id, registrationNumber: '880923-5900002', cardSerial: 'RC900000002', birthDate: '1988-09-24' }))) as BookState;
    expect(mismatch.problems).toEqual({ birthDate: 'birthDateMismatch' });
  });

  it('reads the date from the form\'s three boxes (native digits, one-digit day) and gives the boxes back as typed', async () => {
    const bad = (await bookAction({}, form({ slotId: one.id, registrationNumber: '880923-5900002', cardSerial: 'RC900000002', day: '31', month: '2', year: '1988' }))) as BookState;
    expect(bad.problems).toEqual({ birthDate: 'birthDate' });
    expect(bad.fields).toMatchObject({ day: '31', month: '2', year: '1988' });
    const mismatch = (await bookAction({}, form({ slotId: one.id, registrationNumber: '880923-5900002', cardSerial: 'RC900000002', day: '२४', month: '९', year: '१९८८' }))) as BookState;
    expect(mismatch.problems).toEqual({ birthDate: 'birthDateMismatch' });
    expect(mismatch.fields).toMatchObject({ day: '२४', month: '९', year: '१९८८' });
  });

  it('says the facts match no card without saying which, in the reader\'s language, and keeps what was typed', async () => {
    const r = await addResident(database.db, database.keys, { kind: 'legacy' });
    const state = (await bookAction({}, form({ slotId: one.id, ...facts(r), cardSerial: 'RC000000000' }))) as BookState;
    expect(state.error?.code).toBe('proofing.identity_mismatch');
    expect(state.error?.message).toMatch(/thẻ/);
    expect(state.fields?.registrationNumber).toBe(r.registrationNumber);
  });

  it('books and goes to the booking\'s own page; the next resident is told the time was taken and offered others', async () => {
    const [a, b] = [await addResident(database.db, database.keys, { kind: 'legacy' }), await addResident(database.db, database.keys, { kind: 'legacy' })];
    const to = await redirectOf(bookAction({}, form({ slotId: one.id, ...facts(a) })));
    expect(to).toMatch(/^\/vi\/booking\/[A-Za-z0-9_-]{43}\?booked=1$/);
    expect(to).not.toContain(a.registrationNumber.slice(0, 6));
    const secret = to.split('/')[3]!.split('?')[0]!;
    expect((await findBookingBySecret(database.db, secret))?.slot.id).toBe(one.id);

    const taken = (await bookAction({}, form({ slotId: one.id, ...facts(b) }))) as BookState;
    expect(taken.error?.code).toBe('proofing.slot_full');
    expect(taken.alternativesBecause).toBe('taken');
    expect(taken.alternatives?.map((s) => s.id)).toContain(other.id);
    expect(taken.alternatives?.[0]?.day).toBeTruthy();
    expect(taken.fields).toEqual(facts(b));
    // Picking the offered time books it.
    const picked = await redirectOf(bookAction({}, form({ slotId: other.id, ...facts(b) })));
    expect(picked).toMatch(/^\/vi\/booking\/[A-Za-z0-9_-]{43}\?booked=1$/);

    // Moving to a taken slot goes back to the move page with the reason; cancelling frees the seat.
    expect(await redirectOf(rescheduleAction(form({ secret, slotId: other.id })))).toBe(`/vi/booking/${secret}/reschedule?error=proofing.slot_full`);
    expect(await redirectOf(cancelAction(form({ secret })))).toBe(`/vi/booking/${secret}?cancelled=1`);
    expect((await findBookingBySecret(database.db, secret))?.booking.status).toBe('cancelled');
    expect(await redirectOf(cancelAction(form({ secret })))).toBe(`/vi/booking/${secret}?error=proofing.booking_closed`);
    // A malformed secret never goes back into an address.
    expect(await redirectOf(cancelAction(form({ secret: '../x?y' })))).toBe('/vi/booking?error=proofing.booking_unknown');
  });
});

describe('birthDateOfBoxes', () => {
  it.each([
    [{ day: '23', month: '9', year: '1988' }, '1988-09-23'],
    [{ day: '٢٣', month: '٠٩', year: '١٩٨٨' }, '1988-09-23'],
    [{ day: '', month: '', year: '' }, ''],
    [{ day: '30', month: '2', year: '1988' }, 'invalid'],
    [{ day: '1', month: '1', year: '88' }, 'invalid'],
    [{ day: '1', month: '1', year: '2027' }, 'invalid'],
  ])('%j → %j', (boxes, date) => {
    expect(birthDateOfBoxes(boxes, '2026-03-02')).toBe(date);
  });
});

describe('checkIdentityFormat', () => {
  const today = '2026-03-02';
  it.each([
    [{ registrationNumber: '880923-5900002', cardSerial: 'RC900000002', birthDate: '1988-09-23' }, {}],
    [{ registrationNumber: '8809235900002', cardSerial: 'rc 900000002', birthDate: '1988-09-23' }, {}],
    [{ registrationNumber: '८८०९२३-५९००००२', cardSerial: 'rc ९०००००००२', birthDate: '1988-09-23' }, {}],
    [{ registrationNumber: '٨٨٠٩٢٣-٥٩٠٠٠٠٢', cardSerial: 'RC٩٠٠٠٠٠٠٠٢', birthDate: '1988-09-23' }, {}],
    [{ registrationNumber: '880923-1900002', cardSerial: 'RC900000002', birthDate: '1988-09-23' }, { registrationNumber: 'registrationNumber' }],
    [{ registrationNumber: '880923-5900002', cardSerial: '900000002', birthDate: '1988-09-23' }, { cardSerial: 'cardSerial' }],
    [{ registrationNumber: '880923-5900002', cardSerial: 'RC900000002', birthDate: '2027-01-01' }, { birthDate: 'birthDate' }],
    [{ registrationNumber: '880923-5900002', cardSerial: 'RC900000002', birthDate: '1988-02-30' }, { birthDate: 'birthDate' }],
    [{ registrationNumber: '150701-7900003', cardSerial: 'IC900000003', birthDate: '2015-07-02' }, { birthDate: 'birthDateMismatch' }],
  ])('%j → %j', (facts, problems) => {
    expect(checkIdentityFormat(facts, today)).toEqual(problems);
  });
});
