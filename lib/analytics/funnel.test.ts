import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { fixedClock } from '@/lib/clock';
import { countRowsPerTable, GuideViewTally, readFunnelCounters, recordEligibilityAnswer, recordGuideView } from '.';

describe('guide funnel counters', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('counts per day in Korea, locale and campaign, and stores nothing else', async () => {
    const { db } = database;
    // 23:30 UTC on 1 March is 08:30 on 2 March in Seoul.
    const clock = fixedClock('2025-03-01T23:30:00Z');
    const before = await countRowsPerTable({ db });

    await recordGuideView({ db, clock }, { locale: 'vi', campaign: 'hanoi-assoc' });
    await recordGuideView({ db, clock }, { locale: 'vi', campaign: 'hanoi-assoc' });
    await recordGuideView({ db, clock }, { locale: 'vi', campaign: null });
    await recordEligibilityAnswer({ db, clock }, { locale: 'ar', campaign: 'hanoi-assoc' }, 'eligible_legacy');

    expect(await readFunnelCounters({ db, clock }, { campaign: 'hanoi-assoc' })).toEqual([
      { day: '2025-03-02', locale: 'ar', campaign: 'hanoi-assoc', path: '', event: 'eligibility_answered:eligible_legacy', count: 1 },
      { day: '2025-03-02', locale: 'vi', campaign: 'hanoi-assoc', path: '', event: 'guide_viewed', count: 2 },
    ]);
    expect(await readFunnelCounters({ db, clock }, { campaign: '' })).toEqual([
      { day: '2025-03-02', locale: 'vi', campaign: '', path: '', event: 'guide_viewed', count: 1 },
    ]);
    // The next day starts new counters.
    clock.advance(24 * 3600_000);
    expect(await readFunnelCounters({ db, clock })).toEqual([]);

    const after = await countRowsPerTable({ db });
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    expect(changed).toEqual(['funnel_daily']);
    expect(after.funnel_daily! - before.funnel_daily!).toBe(3);
  });

  it("the guide's view tally adds views up in memory and writes one row per day, locale and campaign, on the day each view happened", async () => {
    const { db } = database;
    const clock = fixedClock('2025-05-01T14:59:59Z'); // 23:59:59 on 1 May in Seoul
    const tally = new GuideViewTally(async () => ({ db, clock }), 60_000);
    for (let i = 0; i < 250; i++) tally.add({ locale: 'ne', campaign: i % 5 === 0 ? 'ansan-np' : null }, new Date('2025-05-01T14:59:59Z'));
    tally.add({ locale: 'ne', campaign: null }, new Date('2025-05-01T15:00:01Z')); // after midnight in Seoul
    // Nothing written before the flush…
    expect(await readFunnelCounters({ db, clock }, { campaign: 'ansan-np' })).toEqual([]);
    await tally.flush();
    expect(await readFunnelCounters({ db, clock }, { campaign: 'ansan-np' })).toEqual([
      { day: '2025-05-01', locale: 'ne', campaign: 'ansan-np', path: '', event: 'guide_viewed', count: 50 },
    ]);
    expect((await readFunnelCounters({ db, clock }, { campaign: '' })).filter((r) => r.event === 'guide_viewed' && r.locale === 'ne')).toEqual([
      { day: '2025-05-01', locale: 'ne', campaign: '', path: '', event: 'guide_viewed', count: 200 },
    ]);
    clock.advance(2_000);
    expect((await readFunnelCounters({ db, clock }, { campaign: '' })).filter((r) => r.locale === 'ne')).toEqual([
      { day: '2025-05-02', locale: 'ne', campaign: '', path: '', event: 'guide_viewed', count: 1 },
    ]);
    // …and the next batch adds to the same rows.
    tally.add({ locale: 'ne', campaign: 'ansan-np' }, new Date('2025-05-01T14:59:59Z'));
    await tally.flush();
    clock.advance(-2_000);
    expect((await readFunnelCounters({ db, clock }, { campaign: 'ansan-np' }))[0]!.count).toBe(51);
  });

  it('a tally writes by itself within its interval', async () => {
    const { db } = database;
    const clock = fixedClock('2025-06-01T03:00:00Z');
    const tally = new GuideViewTally(async () => ({ db, clock }), 50);
    tally.add({ locale: 'km', campaign: null }, clock.now());
    tally.add({ locale: 'km', campaign: null }, clock.now());
    await new Promise((r) => setTimeout(r, 300));
    expect(await readFunnelCounters({ db, clock }, { campaign: '' })).toEqual([
      { day: '2025-06-01', locale: 'km', campaign: '', path: '', event: 'guide_viewed', count: 2 },
    ]);
  });
});
