// The adoption rollups against the raw tables: a small known population
// gets cards, loses them, replaces them and ages through its bands over a
// year and a half, each event counted live in its own transaction. Then the
// live rollups must equal the ones rebuilt from the raw tables in SQL, and
// every dashboard answer must equal the naive answer computed from the raw
// tables — for many filter combinations, days and breakdowns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { fixedClock, seoulDay } from '@/lib/clock';
import {
  activeCards,
  adoptionSeries,
  countCardIssued,
  countCardLocked,
  countCardsIssuedAndRevoked,
  eligibleResidents,
  issuedByPath,
  naiveActiveCards,
  naiveEligibleResidents,
  naiveIssuedByPath,
  naiveSeries,
  rebuildAdoptionRollups,
  refreshAdoptionPopulation,
  rollAdoptionCalendar,
  type DashboardFilters,
  type Dimension,
} from '.';
import { addKitCredential, addKitEnrollment, addKitResidents, dumpAdoptionRollups, endKitCredential, type KitResident } from './testing';

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const START = Date.parse('2025-01-10T00:00:00Z');
const TODAY = '2026-07-01';

type Card = { id: string; residentId: number; issuedAt: number };
type Event = { at: number; run: (db: TestDatabase['db'], clock: ReturnType<typeof fixedClock>) => Promise<void> };

describe('adoption rollups', () => {
  let database: TestDatabase;
  const today = fixedClock(`${TODAY}T03:00:00Z`);

  beforeAll(async () => {
    database = await openTestDatabase();
    const { db } = database;
    const random = rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const people: KitResident[] = [];
    for (let i = 0; i < 140; i++) {
      // Birth dates around the band edges, so holders age into the next band while their card is active.
      const year = pick([1966, 1976, 1986, 1995, 1996, 2005, 2006, 2010]);
      const month = 1 + Math.floor(random() * 12);
      const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const expires = pick(['2025-09-30', '2026-02-28', '2027-12-31', '2029-12-31', '2029-12-31']);
      people.push({
        nationality: pick(['VN', 'VN', 'CN', 'NP']),
        region: pick(['seoul', 'busan', 'jeju']),
        residenceStatus: pick(['E-9', 'F-5', 'D-2']),
        birthDate,
        language: pick(['vi', 'zh-CN', 'ko', 'en']),
        kind: pick(['chip', 'legacy', 'legacy']),
        cardIssuedOn: '2024-06-01',
        cardExpiresOn: expires,
      });
    }
    // One resident born on 29 February, who turns 20 on 1 March 2026.
    people.push({ birthDate: '2008-02-29', cardExpiresOn: '2029-12-31', kind: 'chip' });
    const ids = await addKitResidents(db, people);

    // The events of a year and a half, in order.
    const events: Event[] = [];
    const active = new Map<number, Card>();
    for (const residentId of ids) {
      if (random() < 0.3) continue;
      const issuedAt = START + Math.floor(random() * 520) * DAY + Math.floor(random() * DAY);
      const path = pick(['chip', 'office', 'video', 'reissue'] as const);
      const campaign = pick(['', '', 'hanoi-assoc', 'nepal-day']);
      events.push({
        at: issuedAt,
        run: async (db, clock) => {
          await db.transaction(async (tx) => {
            const startedAt = new Date(issuedAt - Math.floor(random() * 3 * DAY));
            const enrollment = await addKitEnrollment(tx, { residentId, path, startedAt, finishedAt: clock.now(), campaign });
            const previous = active.get(residentId);
            if (previous) await endKitCredential(tx, previous.id, 'revoked', clock.now());
            const id = await addKitCredential(tx, { residentId, enrollmentId: enrollment, at: clock.now() });
            await countCardsIssuedAndRevoked(tx, clock, { issued: id, revoked: previous ? [previous.id] : [] });
            active.set(residentId, { id, residentId, issuedAt });
          });
        },
      });
      // Some replace the phone later (a reissue that revokes the first card), some lose it.
      const r = random();
      const later = issuedAt + Math.floor(random() * 200 + 1) * DAY;
      if (r < 0.2) {
        events.push({
          at: later,
          run: async (db, clock) => {
            await db.transaction(async (tx) => {
              const previous = active.get(residentId)!;
              const enrollment = await addKitEnrollment(tx, { residentId, path: 'reissue', startedAt: new Date(later - 600_000), finishedAt: clock.now() });
              await endKitCredential(tx, previous.id, 'revoked', clock.now());
              const id = await addKitCredential(tx, { residentId, enrollmentId: enrollment, at: clock.now() });
              await countCardsIssuedAndRevoked(tx, clock, { issued: id, revoked: [previous.id] });
              active.set(residentId, { id, residentId, issuedAt: later });
            });
          },
        });
      } else if (r < 0.35) {
        events.push({
          at: later,
          run: async (db, clock) => {
            await db.transaction(async (tx) => {
              const previous = active.get(residentId)!;
              await endKitCredential(tx, previous.id, 'locked', clock.now());
              await countCardLocked(tx, clock, previous.id);
              active.delete(residentId);
            });
          },
        });
      }
    }
    events.sort((x, y) => x.at - y.at);
    const clock = fixedClock(new Date(START));
    for (const event of events) {
      if (event.at > Date.parse(`${TODAY}T00:00:00Z`)) continue;
      clock.set(new Date(event.at));
      await event.run(db, clock);
    }
    await refreshAdoptionPopulation(db, today);
    await rollAdoptionCalendar(db, today);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it('live counters and a rebuild from the raw tables give the same rollups', async () => {
    const { db } = database;
    const live = await dumpAdoptionRollups(db);
    expect(live.adoption_daily!.length).toBeGreaterThan(50);
    expect(live.adoption_daily!.some((r) => r.includes('|aged_in|'))).toBe(true);
    expect(live.adoption_daily!.some((r) => r.includes('|expired|'))).toBe(true);
    await rebuildAdoptionRollups(db, today);
    const rebuilt = await dumpAdoptionRollups(db);
    for (const table of Object.keys(live)) expect(rebuilt[table], table).toEqual(live[table]);
  });

  const filterSets: Array<Partial<DashboardFilters>> = [
    {},
    { nationality: 'VN' },
    { cardKind: 'legacy' },
    { ageBand: '20-29' },
    { campaign: '' },
    { campaign: 'hanoi-assoc' },
    { nationality: 'VN', cardKind: 'legacy' },
    { nationality: 'VN', ageBand: '14-19' },
    { region: 'jeju', language: 'vi', cardKind: 'chip' },
    { nationality: 'CN', region: 'seoul', residenceStatus: 'F-5', ageBand: '50-59' },
    { nationality: 'VN', cardKind: 'legacy', campaign: '' },
  ];
  const days = ['2025-01-09', '2025-03-31', '2025-09-30', '2025-10-01', '2026-02-28', '2026-03-01', '2026-06-30', TODAY];
  const breakdowns: Array<Dimension | null> = [null, 'nationality', 'ageBand', 'cardKind', 'campaign', 'region'];

  const plain = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, n]) => n !== 0).sort());

  it('active cards on any day, filters combined, equal the naive answer from the raw tables', async () => {
    const { db } = database;
    for (const f of filterSets) {
      for (const day of days) {
        for (const by of breakdowns) {
          const filters = { from: '2025-01-10', to: TODAY, ...f };
          const got = await activeCards(db, today, filters, day, by);
          const want = await naiveActiveCards(db, filters, day, by);
          expect(plain(got), JSON.stringify({ f, day, by })).toEqual(plain(want));
        }
      }
    }
  }, 120_000);

  it('the daily series equals the naive one, day by day', async () => {
    const { db } = database;
    for (const f of filterSets) {
      for (const [from, to] of [['2025-01-10', TODAY], ['2025-12-20', '2026-03-10']] as const) {
        const filters = { from, to, ...f };
        expect(await adoptionSeries(db, today, filters), JSON.stringify(filters)).toEqual(await naiveSeries(db, filters));
      }
    }
  }, 120_000);

  it('cards issued per path and eligible residents equal the naive answers', async () => {
    const { db } = database;
    for (const f of filterSets) {
      const filters = { from: '2025-06-01', to: '2026-05-31', ...f };
      expect(plain(await issuedByPath(db, filters)), JSON.stringify(f)).toEqual(plain(await naiveIssuedByPath(db, filters)));
      for (const by of breakdowns) {
        expect(plain(await eligibleResidents(db, filters, by)), JSON.stringify({ f, by })).toEqual(plain(await naiveEligibleResidents(db, filters, TODAY, by)));
      }
    }
  }, 120_000);

  it('an event rolled back leaves no count', async () => {
    const { db } = database;
    const before = await dumpAdoptionRollups(db);
    const [residentId] = await addKitResidents(db, [{ nationality: 'LA', language: 'lo', birthDate: '1999-01-01' }]);
    const clock = fixedClock(`${TODAY}T02:00:00Z`);
    await expect(
      db.transaction(async (tx) => {
        const enrollment = await addKitEnrollment(tx, { residentId: residentId!, path: 'chip', startedAt: clock.now(), finishedAt: clock.now() });
        const id = await addKitCredential(tx, { residentId: residentId!, enrollmentId: enrollment, at: clock.now() });
        await countCardIssued(tx, clock, id);
        const counted = await tx.execute(sql`select count(*)::int as n from adoption_daily where nationality = 'LA'`);
        expect(Number((counted as unknown as { rows: Array<{ n: number }> }).rows[0]!.n)).toBeGreaterThan(0);
        throw new Error('the issuance fails after counting');
      }),
    ).rejects.toThrow('the issuance fails');
    expect(await dumpAdoptionRollups(db)).toEqual(before);
    expect(seoulDay(clock.now())).toBe(TODAY);
  });
});
