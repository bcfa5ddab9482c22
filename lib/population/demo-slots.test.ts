// The demo's appointment times: three weeks of video calls covering every
// language, office visits at two offices, one community day; all open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slots } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { SLOT_SEARCH_LIMIT, findSlots, firstFreeSlotWait } from '@/lib/proofing';
import { seedDemoStaff } from '@/lib/staff';
import { seedDemoSlots } from './demo-slots';

let database: TestDatabase;
const clock = fixedClock('2026-04-01T00:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemoStaff(database.db, database.keys, clock);
});
afterAll(async () => {
  await database?.close();
});

describe('the demo slots', () => {
  it('are three weeks of video slots in every language, office visits at two offices and one community day', async () => {
    const count = await database.db.transaction((tx) => seedDemoSlots(tx, clock));
    expect(count).toBeGreaterThan(100);
    const rows = await database.db.select().from(slots);
    expect(rows).toHaveLength(count);
    expect(rows.every((r) => r.startsAt > clock.now())).toBe(true);
    const last = Math.max(...rows.map((r) => r.startsAt.getTime()));
    expect(last - clock.now().getTime()).toBeLessThanOrEqual(22 * 86_400_000);
    expect(new Set(rows.filter((r) => r.kind === 'office').map((r) => r.place))).toEqual(new Set(['seoul', 'incheon']));
    expect(new Set(rows.filter((r) => r.kind === 'community').map((r) => r.host)).size).toBe(1);
    expect(new Set(rows.filter((r) => r.kind === 'video').flatMap((r) => r.languages)).size).toBe(20);
    expect((await findSlots(database.db, clock)).length).toBe(SLOT_SEARCH_LIMIT);
    expect(await firstFreeSlotWait(database.db, clock, { language: 'zh-CN', kind: 'video' })).not.toBeNull();
    expect(await firstFreeSlotWait(database.db, clock, { language: 'vi', kind: 'community' })).not.toBeNull();
  });
});
