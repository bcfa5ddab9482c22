// The dashboard over a small known population: the exact answers, the
// published (protected) report, the differencing attack through two real
// filter settings, and proof that a dashboard view reads only the rollups
// (run under a database role that may not read the raw tables).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { fixedClock } from '@/lib/clock';
import { countFunnelEvent } from './funnel';
import { countCardIssued } from './adoption';
import { refreshAdoptionPopulation, rollAdoptionCalendar } from './rebuild';
import { activeCards, eligibleResidents } from './dashboard';
import { naiveActiveCards } from './naive';
import { buildDashboardReport, type DashboardReport } from './report';
import { protectCount, type Shown } from './suppression';
import { addKitCredential, addKitEnrollment, addKitResidents, type KitResident } from './testing';

const TODAY = '2026-03-02';

function cell(report: DashboardReport, table: string, key: string, column = 0): Shown | number | null {
  const row = report.tables[table as keyof DashboardReport['tables']].rows.find((r) => r.key === key);
  return row ? row.cells[column]!.value : undefined!;
}

describe('the dashboard over a known population', () => {
  let database: TestDatabase;
  const clock = fixedClock(`${TODAY}T03:00:00Z`);
  const range = { from: '2025-01-10', to: TODAY };

  beforeAll(async () => {
    database = await openTestDatabase();
    const { db } = database;
    const groups: Array<[KitResident, number, number]> = [
      // [who, how many, how many of them have the card]
      [{ nationality: 'VN', region: 'jeju', language: 'vi', kind: 'chip', birthDate: '1995-06-01' }, 45, 30],
      [{ nationality: 'LA', region: 'jeju', language: 'lo', kind: 'legacy', birthDate: '1990-02-02' }, 12, 3],
      [{ nationality: 'CN', region: 'seoul', language: 'zh-CN', kind: 'legacy', birthDate: '1980-03-03' }, 60, 25],
      // Under 14 and an expired card: registered but not eligible.
      [{ nationality: 'VN', region: 'seoul', language: 'vi', birthDate: '2015-01-01' }, 5, 0],
      [{ nationality: 'VN', region: 'seoul', language: 'vi', cardExpiresOn: '2025-12-31' }, 4, 0],
    ];
    let day = 0;
    for (const [who, n, withCard] of groups) {
      const ids = await addKitResidents(db, Array.from({ length: n }, () => who));
      for (const id of ids.slice(0, withCard)) {
        // The Lao cards all on one day (2026-02-10), the others spread.
        const at = who.nationality === 'LA' ? new Date('2026-02-10T01:00:00Z') : new Date(Date.parse('2025-04-01T01:00:00Z') + (day++ % 300) * 86_400_000);
        const issueClock = fixedClock(at);
        await db.transaction(async (tx) => {
          const enrollment = await addKitEnrollment(tx, { residentId: id, path: who.kind === 'chip' ? 'chip' : 'office', startedAt: new Date(at.getTime() - 20 * 60_000), finishedAt: at });
          const credential = await addKitCredential(tx, { residentId: id, enrollmentId: enrollment, at });
          await countCardIssued(tx, issueClock, credential);
        });
      }
    }
    // The funnel: 4 Lao-language starts, 40 Vietnamese.
    for (const [locale, path, event, n] of [
      ['lo', 'office', 'enrollment_started', 4],
      ['vi', 'chip', 'enrollment_started', 40],
      ['vi', 'chip', 'sms_sent', 35],
      ['vi', 'chip', 'sms_verified', 33],
      ['vi', 'chip', 'chip_verified', 31],
      ['vi', 'chip', 'issued', 30],
    ] as const) {
      await countFunnelEvent(db, fixedClock('2025-06-01T03:00:00Z'), { event, locale, path }, n);
    }
    await refreshAdoptionPopulation(db, clock);
    await rollAdoptionCalendar(db, clock);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  it('answers exactly, as the raw tables do', async () => {
    const { db } = database;
    const active = await activeCards(db, clock, range, TODAY, 'nationality');
    expect(Object.fromEntries(active)).toEqual({ VN: 30, LA: 3, CN: 25 });
    expect(Object.fromEntries(await naiveActiveCards(db, range, TODAY, 'nationality'))).toEqual({ VN: 30, LA: 3, CN: 25 });
    // Eligible: 45 + 12 + 60; the 5 children and the 4 expired cards are not.
    expect((await eligibleResidents(db, range)).get('')).toBe(117);
    expect((await activeCards(db, clock, { ...range, region: 'jeju', cardKind: 'legacy' }, TODAY)).get('')).toBe(3);
  });

  it('publishes "<10" for the small group and hides a second cell so the total cannot reveal it', async () => {
    const report = await buildDashboardReport(database.db, clock, range);
    expect(cell(report, 'by-nationality', 'LA')).toBeNull();
    expect(cell(report, 'by-nationality', 'CN')).toBeNull();
    expect(cell(report, 'by-nationality', 'VN')).toBe(30);
    expect(report.tables['by-nationality'].total![0]!.value).toBe(60);
    // Eligible: 45, 12, 60 are all shown (rounded), and the rate comes from published counts.
    expect(cell(report, 'by-nationality', 'VN', 1)).toBe(45);
    expect(cell(report, 'by-nationality', 'VN', 2)).toBeCloseTo(30 / 45);
    expect(cell(report, 'summary', 'active')).toBe(60);
    expect(cell(report, 'summary', 'eligible')).toBe(115);
    // The funnel: 4 Lao-language starts are "<10", and the stops table keeps two hidden cells in each line.
    const stops = report.tables['stops-by-language'];
    expect(stops.rows.find((r) => r.key === 'lo')!.cells.at(-1)!.value).toBeNull();
  });

  it('asked for at once, the same report is computed once and shared; asked again afterwards, it is computed afresh', async () => {
    const [a, b, other] = await Promise.all([
      buildDashboardReport(database.db, clock, range),
      buildDashboardReport(database.db, clock, { to: range.to, from: range.from }),
      buildDashboardReport(database.db, clock, { ...range, region: 'jeju' }),
    ]);
    expect(b).toBe(a);
    expect(other).not.toBe(a);
    const later = await buildDashboardReport(database.db, clock, range);
    expect(later).not.toBe(a);
    expect(later).toEqual(a);
  });

  it('the differencing attack through two filter settings gives no exact count', async () => {
    const { db } = database;
    // A: every card in Jeju. B: Jeju, chip cards. A − B = the Lao group (3).
    const a = await buildDashboardReport(db, clock, { ...range, region: 'jeju' });
    const b = await buildDashboardReport(db, clock, { ...range, region: 'jeju', cardKind: 'chip' });
    const exactA = (await activeCards(db, clock, { ...range, region: 'jeju' }, TODAY)).get('')!;
    const exactB = (await activeCards(db, clock, { ...range, region: 'jeju', cardKind: 'chip' }, TODAY)).get('')!;
    expect(exactA - exactB).toBe(3);
    const shownA = cell(a, 'summary', 'active') as Shown;
    const shownB = cell(b, 'summary', 'active') as Shown;
    expect(shownA).toBe(protectCount(33));
    expect(shownB).toBe(protectCount(30));
    const candidates = new Set<number>();
    for (let x = shownA! - 2; x <= shownA! + 2; x++) for (let y = shownB! - 2; y <= shownB! + 2; y++) if (protectCount(x) === shownA && protectCount(y) === shownB && x >= y) candidates.add(x - y);
    expect(candidates.has(3)).toBe(true);
    expect(candidates.size).toBeGreaterThan(1);
    // The day-range attack: the range ending on the Lao cards' day against the range ending the day before.
    const withDay = await buildDashboardReport(db, clock, { ...range, region: 'jeju', cardKind: 'legacy', to: '2026-02-10' });
    const withoutDay = await buildDashboardReport(db, clock, { ...range, region: 'jeju', cardKind: 'legacy', to: '2026-02-09' });
    expect(cell(withDay, 'summary', 'issuedInRange')).toBeNull();
    expect(cell(withoutDay, 'summary', 'issuedInRange')).toBeNull();
    expect(withDay.tables.series.rows.at(-1)!.cells[0]!.value).toBeNull();
  });

  it('reads no raw table: the whole report builds under a role that may read only the rollups', async () => {
    const { db } = database;
    await db.execute(sql`do $$ begin if not exists (select from pg_roles where rolname = 'arc_dashboard_reader') then create role arc_dashboard_reader nologin; end if; end $$`);
    await db.execute(sql`revoke all on all tables in schema public from arc_dashboard_reader`);
    for (const table of ['adoption_daily', 'adoption_daily_marginals', 'adoption_stock', 'adoption_stock_marginals', 'adoption_population', 'adoption_population_marginals', 'issuance_time_daily', 'booking_wait_daily', 'funnel_daily', 'settings']) {
      await db.execute(sql.raw(`grant select on ${table} to arc_dashboard_reader`));
    }
    const rollback = new Error('rolled back on purpose');
    const built = await db
      .transaction(async (tx) => {
        await tx.execute(sql`set local role arc_dashboard_reader`);
        const report = await buildDashboardReport(tx, clock, { ...range, nationality: 'VN', cardKind: 'chip', language: 'vi' });
        // The naive way needs the raw tables, and is refused.
        await expect(tx.transaction((sp) => naiveActiveCards(sp, range, TODAY))).rejects.toThrow();
        return report;
      })
      .catch((e) => (e === rollback ? null : Promise.reject(e)));
    expect(built!.tables.summary.rows[0]!.cells[0]!.value).toBe(30);
  });
});
