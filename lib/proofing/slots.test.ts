// Publishing and finding slots: the officer's rules (role, future start,
// languages, place and host), the search by language (listed, or an
// interpreter), kind and Korean days, the wait to the first free slot, the
// officer's own list, and the demo's three weeks.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, slots, staff } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, testKeys, type TestDatabase } from '@/lib/context/testing';
import { errorCode, officerId as demoOfficerId } from '@/lib/enrollment/testing';
import {
  findSlotPage,
  findSlots,
  firstFreeSlotWait,
  listOfficerSlots,
  publishSlot,
  seoulInstant,
  type PublishSlotInput,
} from '.';

let database: TestDatabase;
let officer: string;
let analyst: string;
// Wednesday 2026-04-01, 09:00 in Korea.
const clock = fixedClock('2026-04-01T00:00:00Z');
const at = (day: string, time: string) => seoulInstant(day, time)!;

beforeAll(async () => {
  database = await openTestDatabase();
  officer = await demoOfficerId(database.db, database.keys, clock);
  analyst = (await database.db.select({ id: staff.id }).from(staff).where(eq(staff.role, 'analyst')))[0]!.id;
}, 60_000);

afterAll(async () => {
  await database?.close();
});

const input = (over: Partial<PublishSlotInput> = {}): PublishSlotInput => ({
  officerId: officer,
  kind: 'video',
  startsAt: at('2026-04-02', '10:00'),
  minutes: 20,
  capacity: 1,
  languages: ['ko', 'en'],
  interpreter: false,
  ...over,
});

describe('publishing a slot', () => {
  it('stores it in Korean time with its languages in a fixed order, audited', async () => {
    const s = await publishSlot(database.db, clock, input({ languages: ['vi', 'ko', 'vi'], startsAt: at('2026-04-03', '14:30') }));
    expect(s.startsAt.toISOString()).toBe('2026-04-03T05:30:00.000Z');
    expect(s.endsAt.toISOString()).toBe('2026-04-03T05:50:00.000Z');
    expect(s.languages).toEqual(['ko', 'vi']);
    expect(s.free).toBe(1);
    const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, s.id));
    expect(audit).toMatchObject({ action: 'slot.published', actorKind: 'staff', actorId: officer });
  });

  it.each([
    ['another role', { officerId: 'analyst' }, 'proofing.not_an_officer'],
    ['a start in the past', { startsAt: at('2026-04-01', '08:00') }, 'proofing.slot_start_past'],
    ['a start more than 180 days ahead', { startsAt: at('2026-12-01', '10:00') }, 'proofing.slot_start_too_far'],
    ['no language', { languages: [] }, 'proofing.slot_languages_required'],
    ['a language we do not have', { languages: ['ko', 'fr'] }, 'invalid_input'],
    ['too short', { minutes: 3 }, 'invalid_input'],
    ['too many seats', { capacity: 101 }, 'invalid_input'],
    ['an office visit without an office', { kind: 'office' as const }, 'proofing.slot_place_required'],
    ['an office we do not know', { kind: 'office' as const, place: 'atlantis' }, 'proofing.slot_office_unknown'],
    ['a community day without a venue', { kind: 'community' as const, host: 'An association' }, 'proofing.slot_place_required'],
    ['a community day without a host', { kind: 'community' as const, place: 'Community hall' }, 'proofing.slot_host_required'],
  ])('refuses %s', async (_what, over, code) => {
    const resolved = { ...over, ...('officerId' in over && over.officerId === 'analyst' ? { officerId: analyst } : {}) } as Partial<PublishSlotInput>;
    expect(await errorCode(publishSlot(database.db, clock, input(resolved)))).toBe(code);
  });

  it('keeps the office id for office visits and drops a host given to them; a video slot has no place', async () => {
    const office = await publishSlot(database.db, clock, input({ kind: 'office', place: 'incheon', host: 'ignored', capacity: 5 }));
    expect(office).toMatchObject({ kind: 'office', place: 'incheon', host: null, capacity: 5 });
    const video = await publishSlot(database.db, clock, input({ place: 'somewhere' }));
    expect(video.place).toBeNull();
  });
});

describe('finding slots', () => {
  let db: TestDatabase['db'];
  beforeAll(async () => {
    // A fresh database of its own, so the other tests' slots do not count.
    const own = await openTestDatabase();
    db = own.db;
    const o = await demoOfficerId(db, own.keys, clock);
    const add = (over: Partial<PublishSlotInput>) => publishSlot(db, clock, { ...input(), officerId: o, ...over });
    await add({ startsAt: at('2026-04-03', '10:00'), languages: ['ko', 'mn'] });
    await add({ startsAt: at('2026-04-02', '11:00'), languages: ['ko'], interpreter: true });
    await add({ startsAt: at('2026-04-06', '10:00'), languages: ['mn'], kind: 'office', place: 'seoul', capacity: 3 });
    await add({ startsAt: at('2026-04-02', '09:30'), languages: ['ru'] });
    await db.update(slots).set({ booked: 1 }).where(eq(slots.languages, ['ru']));
    return () => own.close();
  });

  it('lists open slots with a free seat, soonest first, matching a language by listing it or by an interpreter', async () => {
    const mn = await findSlots(db, clock, { language: 'mn' });
    expect(mn.map((s) => [s.startsAt.toISOString(), s.kind, s.interpreter])).toEqual([
      ['2026-04-02T02:00:00.000Z', 'video', true],
      ['2026-04-03T01:00:00.000Z', 'video', false],
      ['2026-04-06T01:00:00.000Z', 'office', false],
    ]);
    // The full one (ru) is not offered, even to Russian speakers.
    expect((await findSlots(db, clock, { language: 'ru' })).map((s) => s.interpreter)).toEqual([true]);
  });

  it('filters by kind and by Korean days (both ends included)', async () => {
    expect((await findSlots(db, clock, { language: 'mn', kind: 'office' })).map((s) => s.place)).toEqual(['seoul']);
    const third = await findSlots(db, clock, { from: '2026-04-03', to: '2026-04-03' });
    expect(third.map((s) => s.startsAt.toISOString())).toEqual(['2026-04-03T01:00:00.000Z']);
    expect(await findSlots(db, clock, { from: '2026-04-07' })).toEqual([]);
    // A day that does not exist, typed into the search's address, is no filter (it threw before).
    expect(await findSlots(db, clock, { from: '2026-13-45', to: '2026-02-30' })).toHaveLength((await findSlots(db, clock, {})).length);
  });

  it('gives the wait to the first free slot in a language, in days and hours', async () => {
    const wait = await firstFreeSlotWait(db, clock, { language: 'mn', kind: 'office' });
    expect(wait?.slot.place).toBe('seoul');
    expect(wait).toMatchObject({ days: 5, hours: 1 });
    expect(await firstFreeSlotWait(db, clock, { language: 'mn' })).toMatchObject({ days: 1, hours: 2 });
    expect(await firstFreeSlotWait(db, clock, { language: 'mn', kind: 'community' })).toBeNull();
  });

  it('stops offering a slot once its time has come', async () => {
    const later = fixedClock('2026-04-02T01:00:00Z'); // 10:00 on the 2nd
    expect((await findSlots(db, later, { language: 'mn' })).map((s) => s.startsAt.toISOString())).toEqual([
      '2026-04-02T02:00:00.000Z',
      '2026-04-03T01:00:00.000Z',
      '2026-04-06T01:00:00.000Z',
    ]);
    const evening = fixedClock('2026-04-02T02:00:00Z');
    expect((await findSlots(db, evening, { language: 'mn' })).length).toBe(2);
  });

  it('pages through the results after a slot: every one once, in order, also when several start at the same time', async () => {
    const o = await demoOfficerId(db, testKeys, clock);
    // Seven Thai slots, three of them at one time: their ids order them.
    for (const [day, time] of [['2026-04-04', '09:00'], ['2026-04-04', '09:00'], ['2026-04-04', '09:00'], ['2026-04-03', '15:00'], ['2026-04-05', '10:00'], ['2026-04-04', '14:00'], ['2026-04-08', '10:00']] as const) {
      await publishSlot(db, clock, { ...input(), officerId: o, startsAt: at(day, time), languages: ['th'] });
    }
    const all = await findSlots(db, clock, { language: 'th' });
    expect(all).toHaveLength(8); // and the one with an interpreter
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const found: Awaited<ReturnType<typeof findSlots>> = await findSlots(db, clock, { language: 'th', after, limit: 3 });
      if (found.length === 0) break;
      seen.push(...found.map((s) => s.id));
      after = found.at(-1)!.id;
    }
    expect(seen).toEqual(all.map((s) => s.id));
    // The filters still hold on a later page; an id that is no slot is no filter.
    expect((await findSlots(db, clock, { language: 'th', kind: 'office', after: all[0]!.id })).length).toBe(0);
    expect(await findSlots(db, clock, { language: 'th', after: crypto.randomUUID() })).toEqual(all);
    expect(await findSlots(db, clock, { language: 'th', after: 'not-an-id' })).toEqual(all);
    // The booking pages' page: up to ten, and whether later ones exist.
    expect(await findSlotPage(db, clock, { language: 'th' })).toEqual({ slots: all, later: false });
    expect(await findSlotPage(db, clock, { language: 'th', after: all[0]!.id })).toEqual({ slots: all.slice(1), later: false });
  });
});

describe('the officer\'s list', () => {
  it('lists the officer\'s own slots from today on, marking today\'s in-person ones', async () => {
    const own = await openTestDatabase();
    try {
      const o = await demoOfficerId(own.db, own.keys, clock);
      await publishSlot(own.db, clock, { ...input(), officerId: o, kind: 'office', place: 'seoul', startsAt: at('2026-04-01', '15:00') });
      await publishSlot(own.db, clock, { ...input(), officerId: o, startsAt: at('2026-04-01', '16:00') });
      await publishSlot(own.db, clock, { ...input(), officerId: o, kind: 'community', place: 'Hall', host: 'Assoc', startsAt: at('2026-04-04', '10:00') });
      const list = await listOfficerSlots(own.db, clock, { officerId: o });
      expect(list.map((l) => [l.slot.kind, l.inPersonToday])).toEqual([
        ['office', true],
        ['video', false],
        ['community', false],
      ]);
      const analystId = (await own.db.select({ id: staff.id }).from(staff).where(eq(staff.role, 'analyst')))[0]!.id;
      expect(await errorCode(listOfficerSlots(own.db, clock, { officerId: analystId }))).toBe('proofing.not_an_officer');
    } finally {
      await own.close();
    }
  });

});
