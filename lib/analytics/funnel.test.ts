import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { fixedClock } from '@/lib/clock';
import { countRowsPerTable, readFunnelCounters, recordEligibilityAnswer, recordGuideView } from '.';

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
});
