// dashboard_p95_ms and dashboard_speedup_vs_naive (issue 11): 2,000,000
// residents (the seed's generator; personal data as placeholder bytes) and
// a year of mobile-card events written in bulk into the raw tables
// (credentials, enrollments, bookings), the rollups built from them, then
// every dashboard query (lib/analytics dashboard.ts) with several filter
// combinations, each timed RUNS times on PGlite:
//   dashboard_p95_ms: the slowest query's p95 (goal ≤ 50 ms);
//   dashboard_speedup_vs_naive: the same answers computed by a naive GROUP
//     BY over the raw tables (lib/analytics naive.ts), timed in the same run,
//     ÷ the rollup time (goal ≥ 20×). Every answer is checked equal first.
// With DATABASE_URL the same runs on PostgreSQL too (a line per figure with
// "database": "postgres"). ARC_BENCH_DASHBOARD_RESIDENTS shrinks the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '@/db/client';
import { fixedClock } from '@/lib/clock';
import {
  activeCards,
  adoptionSeries,
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
} from '@/lib/analytics';
import { addBenchResidents, addBenchYearOfEvents } from '@/lib/analytics/testing';
import { registerFigure } from './registry';

const RESIDENTS = Number(process.env.ARC_BENCH_DASHBOARD_RESIDENTS ?? 2_000_000);
const RUNS = Number(process.env.ARC_BENCH_DASHBOARD_RUNS ?? 15);
const GOAL_P95_MS = 50;
const GOAL_SPEEDUP = 20;
/** The year of events, and "today" at its end. */
const FROM = '2025-01-10';
const TODAY = '2026-01-09';

type Combination = { name: string; filters: Partial<DashboardFilters> };
const COMBINATIONS: Combination[] = [
  { name: 'none', filters: {} },
  { name: 'nationality', filters: { nationality: 'VN' } },
  { name: 'card kind', filters: { cardKind: 'legacy' } },
  { name: 'nationality+card kind+dates', filters: { nationality: 'VN', cardKind: 'legacy', from: '2025-04-01', to: '2025-12-31' } },
  { name: 'region+age band+language', filters: { region: 'gyeonggi', ageBand: '20-29', language: 'vi' } },
  { name: 'campaign+card kind', filters: { campaign: 'BENCH31', cardKind: 'chip' } },
  { name: 'status+region+nationality+band', filters: { residenceStatus: 'E-9', region: 'gyeonggi', nationality: 'NP', ageBand: '30-39' } },
];

type Query = {
  name: string;
  rollup: (db: Database['db'], f: DashboardFilters) => Promise<unknown>;
  naive: (db: Database['db'], f: DashboardFilters) => Promise<unknown>;
};

const clock = fixedClock(`${TODAY}T12:00:00Z`);
const BREAKDOWNS: Dimension[] = ['nationality', 'region', 'residenceStatus', 'ageBand', 'cardKind', 'language', 'campaign'];
const plain = (m: Map<string, number>) => JSON.stringify(Object.fromEntries([...m].filter(([, n]) => n !== 0).sort()));

const QUERIES: Query[] = [
  { name: 'active now', rollup: (db, f) => activeCards(db, clock, f, f.to).then(plain), naive: (db, f) => naiveActiveCards(db, f, f.to).then(plain) },
  ...BREAKDOWNS.map(
    (by): Query => ({
      name: `active by ${by}`,
      rollup: (db, f) => activeCards(db, clock, f, f.to, by).then(plain),
      naive: (db, f) => naiveActiveCards(db, f, f.to, by).then(plain),
    }),
  ),
  {
    name: 'eligible by nationality',
    rollup: (db, f) => eligibleResidents(db, f, 'nationality').then(plain),
    naive: (db, f) => naiveEligibleResidents(db, f, TODAY, 'nationality').then(plain),
  },
  { name: 'daily series', rollup: (db, f) => adoptionSeries(db, clock, f).then((s) => JSON.stringify(s)), naive: (db, f) => naiveSeries(db, f).then((s) => JSON.stringify(s)) },
  { name: 'issued by path', rollup: (db, f) => issuedByPath(db, f).then(plain), naive: (db, f) => naiveIssuedByPath(db, f).then(plain) },
  {
    name: 'active mid-year by age band',
    rollup: (db, f) => activeCards(db, clock, f, '2025-07-01', 'ageBand').then(plain),
    naive: (db, f) => naiveActiveCards(db, f, '2025-07-01', 'ageBand').then(plain),
  },
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

type Measured = {
  database: 'pglite' | 'postgres';
  p95: Record<string, number>;
  slowest: { query: string; p95_ms: number };
  speedup: number;
  rollupMs: number;
  naiveMs: number;
  sizes: Record<string, number>;
  build: Record<string, number>;
};

async function measure(database: Database): Promise<Measured> {
  const { db } = database;
  const build: Record<string, number> = {};
  let t = performance.now();
  build.residents_s = Math.round((await addBenchResidents(db, RESIDENTS)) / 100) / 10;
  const events = await addBenchYearOfEvents(db, { from: FROM, adoption: 0.12 });
  build.events_s = Math.round(events.ms / 100) / 10;
  t = performance.now();
  const built = await rebuildAdoptionRollups(db, clock);
  await refreshAdoptionPopulation(db, clock, TODAY);
  await rollAdoptionCalendar(db, clock);
  for (const table of ['adoption_daily', 'adoption_daily_marginals', 'adoption_stock', 'adoption_stock_marginals', 'adoption_population', 'adoption_population_marginals']) {
    await db.execute(sql.raw(`analyze ${table}`));
  }
  build.rollups_s = Math.round((performance.now() - t) / 100) / 10;

  const times = new Map<string, number[]>();
  let rollupMs = 0;
  let naiveMs = 0;
  for (const combination of COMBINATIONS) {
    const filters: DashboardFilters = { from: FROM, to: TODAY, ...combination.filters };
    for (const query of QUERIES) {
      // The answers first: rollups and raw tables must agree.
      const n0 = performance.now();
      const want = await query.naive(db, filters);
      const naive = performance.now() - n0;
      const got = await query.rollup(db, filters);
      if (got !== want) throw new Error(`dashboard bench: "${query.name}" on ${combination.name} differs from the naive answer`);
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r0 = performance.now();
        await query.rollup(db, filters);
        runs.push(performance.now() - r0);
      }
      times.set(query.name, [...(times.get(query.name) ?? []), ...runs]);
      rollupMs += percentile(runs, 0.5);
      naiveMs += naive;
    }
  }
  const p95 = Object.fromEntries([...times].map(([name, runs]) => [name, Math.round(percentile(runs, 0.95) * 10) / 10]));
  const [slowestName, slowestP95] = Object.entries(p95).sort((a, b) => b[1] - a[1])[0]!;
  return {
    database: database.kind,
    p95,
    slowest: { query: slowestName, p95_ms: slowestP95 },
    speedup: Math.round((naiveMs / rollupMs) * 10) / 10,
    rollupMs: Math.round(rollupMs),
    naiveMs: Math.round(naiveMs),
    sizes: { residents: RESIDENTS, credentials: events.credentials, adoption_daily_rows: built.facts, adoption_scheduled_rows: built.scheduled, adoption_stock_rows: built.stock },
    build,
  };
}

let results: Promise<Measured[]> | null = null;

/** Both figures come from one build and one run (on PGlite, then PostgreSQL when DATABASE_URL is set). */
function run(): Promise<Measured[]> {
  results ??= (async () => {
    const out: Measured[] = [];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-bench-dashboard-'));
    try {
      const database = await openDatabase({ kind: 'pglite', dataDir: dir, holder: 'npm run bench (dashboard)' });
      try {
        out.push(await measure(database));
      } finally {
        await database.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    if (process.env.DATABASE_URL) {
      const pg = (await import('pg')).default;
      const name = `arc_bench_dashboard_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
      try {
        out.push(await measure(database));
      } finally {
        await database.close();
        const dropper = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      }
    }
    return out;
  })();
  return results;
}

function context(measured: Measured[]) {
  const [pglite, postgres] = measured;
  return {
    database: pglite!.database,
    residents: RESIDENTS,
    runs_per_query_and_filters: RUNS,
    filter_combinations: COMBINATIONS.map((c) => c.name),
    sizes: pglite!.sizes,
    build_s: pglite!.build,
    p95_ms_by_query: pglite!.p95,
    slowest_query: pglite!.slowest.query,
    rollup_ms_total: pglite!.rollupMs,
    naive_ms_total: pglite!.naiveMs,
    ...(postgres
      ? {
          postgres: {
            database: 'postgres',
            dashboard_p95_ms: postgres.slowest.p95_ms,
            slowest_query: postgres.slowest.query,
            dashboard_speedup_vs_naive: postgres.speedup,
            p95_ms_by_query: postgres.p95,
            build_s: postgres.build,
          },
        }
      : {}),
  };
}

registerFigure({
  name: 'dashboard_p95_ms',
  unit: 'ms',
  description: `slowest dashboard query's p95 over ${RESIDENTS.toLocaleString('en')} residents and a year of events, PGlite (goal ≤ ${GOAL_P95_MS} ms)`,
  runs: RUNS,
  async run() {
    const measured = await run();
    return { value: measured[0]!.slowest.p95_ms, goal_ms: GOAL_P95_MS, ...context(measured) };
  },
});

registerFigure({
  name: 'dashboard_speedup_vs_naive',
  unit: '×',
  description: `naive GROUP BY over the raw tables ÷ the rollup queries, same answers, same run (goal ≥ ${GOAL_SPEEDUP}×)`,
  runs: RUNS,
  async run() {
    const measured = await run();
    return { value: measured[0]!.speedup, goal: GOAL_SPEEDUP, ...context(measured) };
  },
});
