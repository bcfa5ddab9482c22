// The analyst dashboard's questions, each one function over the rollups
// only (adoption_*, issuance_time_daily, booking_wait_daily, funnel_daily)
// — never residents, cards, credentials, enrollments or bookings — with the
// filters combining. Answers are exact counts; report.ts protects them
// before anyone sees them.
//
// How a filtered count is found: the stock and the population on at most
// two dimensions (a breakdown's own dimension included), and the daily
// events on at most one, read their marginal tables, a few rows; beyond
// that, the full combinations, through the index of a filtered dimension.
// Active cards at the end of day D: the stock (today's) when D is today;
// else the stock less the events after D, or, when D is early in the
// history, the events up to D summed forward — whichever reads less.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';
import {
  BOOKING_WAIT_EDGES_H,
  DIMENSION_COLUMNS,
  ISSUANCE_PATHS,
  ISSUANCE_TIME_EDGES_MIN,
  nextDay,
  previousDay,
  sortDimensions,
  type Dimension,
} from './dimensions';
import { filteredDimensions, type DashboardFilters } from './filters';
import { POPULATION_SETTING } from './rebuild';

type Row = Record<string, unknown>;

function rowsOf<T = Row>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

async function query<T = Row>(db: Executor, q: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(q));
}

const SIGNED = sql.raw(`(case when event in ('issued', 'aged_in') then count else -count end)`);
const inList = (values: readonly string[]) => sql.raw(`(${values.map((v) => `'${v.replace(/'/g, '')}'`).join(', ')})`);

/**
 * Where to read a view on `filters` broken down by `by`: the marginal
 * table (its dims key, the conditions on a and b, and the column holding
 * `by`) or the full table (conditions on the dimension columns).
 */
type Plan =
  | { kind: 'marginal'; dims: string; where: SQL[]; group: SQL | null }
  | { kind: 'full'; where: SQL[]; group: SQL | null };

function plan(filters: DashboardFilters, by: Dimension | null, dimensions: readonly Dimension[], marginalUpTo: 1 | 2): Plan {
  const filtered = filteredDimensions(filters).filter((d) => dimensions.includes(d));
  const set = sortDimensions(by ? [...filtered, by] : filtered);
  if (set.length <= marginalUpTo) {
    const column = (d: Dimension) => sql.raw(set.indexOf(d) === 0 ? 'a' : 'b');
    return {
      kind: 'marginal',
      dims: set.join('+'),
      where: filtered.map((d) => sql`${column(d)} = ${filters[d]!}`),
      group: by ? column(by) : null,
    };
  }
  const column = (d: Dimension) => sql.raw(DIMENSION_COLUMNS[d]);
  return { kind: 'full', where: filtered.map((d) => sql`${column(d)} = ${filters[d]!}`), group: by ? column(by) : null };
}

const ADOPTION_DIMS: readonly Dimension[] = ['nationality', 'region', 'residenceStatus', 'ageBand', 'cardKind', 'language', 'campaign'];
const POPULATION_DIMS: readonly Dimension[] = ['nationality', 'region', 'residenceStatus', 'ageBand', 'cardKind', 'language'];

function and(parts: SQL[]): SQL {
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** value → count, '' for an ungrouped view. */
export type Counts = Map<string, number>;

function toCounts(rows: Row[]): Counts {
  const out: Counts = new Map();
  for (const r of rows) out.set(String(r.k ?? ''), Number(r.n ?? 0));
  return out;
}

function addInto(target: Counts, more: Counts): Counts {
  for (const [k, v] of more) target.set(k, (target.get(k) ?? 0) + v);
  return target;
}

/** Sums of `expr` (default: each event's signed count) over the rows meeting `condition`, grouped as the plan says. */
async function eventSums(db: Executor, p: Plan, condition: SQL, expr: SQL = SIGNED): Promise<Counts> {
  const k = p.group ?? sql`''`;
  const rows =
    p.kind === 'marginal'
      ? await query(db, sql`select ${k} as k, sum(${expr}) as n from adoption_daily_marginals where dims = ${p.dims} and ${and(p.where)} and ${condition} group by 1`)
      : await query(db, sql`select ${k} as k, sum(${expr}) as n from adoption_daily where ${and(p.where)} and ${condition} group by 1`);
  return toCounts(rows);
}

async function stockSums(db: Executor, p: Plan): Promise<Counts> {
  const k = p.group ?? sql`''`;
  const rows =
    p.kind === 'marginal'
      ? await query(db, sql`select ${k} as k, sum(active) as n from adoption_stock_marginals where dims = ${p.dims} and ${and(p.where)} group by 1`)
      : await query(db, sql`select ${k} as k, sum(active) as n from adoption_stock where ${and(p.where)} group by 1`);
  return toCounts(rows);
}

/** Whether summing events forward up to `day` reads fewer rows than going back from the stock. */
async function forwardIsCheaper(db: Executor, day: string): Promise<boolean> {
  const [row] = await query(
    db,
    sql`select coalesce(sum(count) filter (where day <= ${day}::date), 0) as before, coalesce(sum(count) filter (where day > ${day}::date), 0) as after
          from adoption_daily_marginals where dims = '' and event = 'issued'`,
  );
  return Number(row?.before ?? 0) < Number(row?.after ?? 0);
}

/**
 * Active mobile cards at the end of `day`, on the filters, optionally per
 * value of `by`. The calendar must have been rolled to today
 * (rollAdoptionCalendar; buildDashboardReport does it).
 */
export async function activeCards(db: Executor, clock: Clock, filters: DashboardFilters, day: string, by: Dimension | null = null): Promise<Counts> {
  const today = seoulDay(clock.now());
  if (day >= today) return stockSums(db, plan(filters, by, ADOPTION_DIMS, 2));
  const daily = plan(filters, by, ADOPTION_DIMS, 1);
  if (await forwardIsCheaper(db, day)) return eventSums(db, daily, sql`day <= ${day}::date`);
  // The stock is today's; what happened after the day comes off it.
  const stock = await stockSums(db, plan(filters, by, ADOPTION_DIMS, 2));
  const after = await eventSums(db, daily, sql`day > ${day}::date`, sql`-${SIGNED}`);
  return addInto(stock, after);
}

/** Residents eligible (as counted on the population's day), on the filters, optionally per value of `by`. Campaigns do not apply. */
export async function eligibleResidents(db: Executor, filters: DashboardFilters, by: Dimension | null = null): Promise<Counts> {
  if (by === 'campaign') return new Map();
  const p = plan(filters, by, POPULATION_DIMS, 2);
  const k = p.group ?? sql`''`;
  const rows =
    p.kind === 'marginal'
      ? await query(db, sql`select ${k} as k, sum(eligible) as n from adoption_population_marginals where dims = ${p.dims} and ${and(p.where)} group by 1`)
      : await query(db, sql`select ${k} as k, sum(eligible) as n from adoption_population where ${and(p.where)} group by 1`);
  return toCounts(rows);
}

/** The day the eligible population was counted on, or null before the first count. */
export async function populationDay(db: Executor): Promise<string | null> {
  const [row] = await query<{ value: { asOf?: string } }>(db, sql`select value from settings where key = ${POPULATION_SETTING}`);
  return row?.value?.asOf ?? null;
}

export type SeriesPoint = { day: string; active: number };

/** Active cards at the end of every day of the range, on the filters. */
export async function adoptionSeries(db: Executor, clock: Clock, filters: DashboardFilters): Promise<SeriesPoint[]> {
  const start = await activeCards(db, clock, filters, previousDay(filters.from));
  const p = plan(filters, null, ADOPTION_DIMS, 1);
  const daily =
    p.kind === 'marginal'
      ? await query(
          db,
          sql`select day::text as day, sum(${SIGNED}) as n from adoption_daily_marginals
               where dims = ${p.dims} and ${and(p.where)} and day between ${filters.from}::date and ${filters.to}::date group by 1`,
        )
      : await query(
          db,
          sql`select day::text as day, sum(${SIGNED}) as n from adoption_daily
               where ${and(p.where)} and day between ${filters.from}::date and ${filters.to}::date group by 1`,
        );
  const byDay = new Map(daily.map((r) => [String(r.day).slice(0, 10), Number(r.n)]));
  const points: SeriesPoint[] = [];
  let active = start.get('') ?? 0;
  for (let d = filters.from; d <= filters.to; d = nextDay(d)) {
    active += byDay.get(d) ?? 0;
    points.push({ day: d, active });
  }
  return points;
}

/** Cards issued in the range, on the filters, per path. */
export async function issuedByPath(db: Executor, filters: DashboardFilters): Promise<Counts> {
  const p = plan(filters, null, ADOPTION_DIMS, 1);
  const range = sql`event = 'issued' and day between ${filters.from}::date and ${filters.to}::date`;
  const rows =
    p.kind === 'marginal'
      ? await query(db, sql`select path as k, sum(count) as n from adoption_daily_marginals where dims = ${p.dims} and ${and(p.where)} and ${range} group by 1`)
      : await query(db, sql`select path as k, sum(count) as n from adoption_daily where ${and(p.where)} and ${range} group by 1`);
  const counts = toCounts(rows);
  for (const path of ISSUANCE_PATHS) if (!counts.has(path)) counts.set(path, 0);
  return counts;
}

/** Cards locked (loss reports) per week (its Monday) in the range, on the filters. */
export async function lockedByWeek(db: Executor, filters: DashboardFilters): Promise<Counts> {
  const p = plan(filters, null, ADOPTION_DIMS, 1);
  const week = sql`(date_trunc('week', day)::date)::text`;
  const range = sql`event = 'locked' and day between ${filters.from}::date and ${filters.to}::date`;
  const rows =
    p.kind === 'marginal'
      ? await query(db, sql`select ${week} as k, sum(count) as n from adoption_daily_marginals where dims = ${p.dims} and ${and(p.where)} and ${range} group by 1`)
      : await query(db, sql`select ${week} as k, sum(count) as n from adoption_daily where ${and(p.where)} and ${range} group by 1`);
  return toCounts(rows);
}

/** A histogram: counts per bucket. */
export type Histogram = number[];

function histogram(rows: Row[], buckets: number): Map<string, Histogram> {
  const out = new Map<string, Histogram>();
  for (const r of rows) {
    const key = String(r.k);
    const h = out.get(key) ?? new Array<number>(buckets).fill(0);
    h[Number(r.bucket)] = (h[Number(r.bucket)] ?? 0) + Number(r.n);
    out.set(key, h);
  }
  return out;
}

/** Time from the first step to the card, per path: histograms (issuance_time_daily; day range and language). */
export async function issuanceTimes(db: Executor, filters: DashboardFilters): Promise<Map<string, Histogram>> {
  const rows = await query(
    db,
    sql`select path as k, bucket, sum(count) as n from issuance_time_daily
         where day between ${filters.from}::date and ${filters.to}::date ${filters.language ? sql`and language = ${filters.language}` : sql``}
         group by 1, 2`,
  );
  return histogram(rows, ISSUANCE_TIME_EDGES_MIN.length);
}

/** Booking wait per language: histograms (booking_wait_daily; day range and language). */
export async function bookingWaits(db: Executor, filters: DashboardFilters): Promise<Map<string, Histogram>> {
  const rows = await query(
    db,
    sql`select language as k, bucket, sum(count) as n from booking_wait_daily
         where day between ${filters.from}::date and ${filters.to}::date ${filters.language ? sql`and language = ${filters.language}` : sql``}
         group by 1, 2`,
  );
  return histogram(rows, BOOKING_WAIT_EDGES_H.length);
}

/** funnel_daily counts in the range per event (and per `by`), on the language (the page's) and campaign filters. */
export async function funnelCounts(
  db: Executor,
  filters: DashboardFilters,
  events: { equal?: readonly string[]; prefix?: string },
  by: 'path' | 'locale' | 'week' | null = null,
  path?: string,
): Promise<Map<string, Counts>> {
  const key = by === 'week' ? sql`(date_trunc('week', day)::date)::text` : by ? sql.raw(by) : sql`''`;
  const eventCondition = events.prefix
    ? sql`event like ${`${events.prefix}%`}`
    : sql`event in ${inList((events.equal ?? []).map((e) => e.replace(/'/g, '')))}`;
  const rows = await query(
    db,
    sql`select event as e, ${key} as k, sum(count) as n from funnel_daily
         where day between ${filters.from}::date and ${filters.to}::date and ${eventCondition}
           ${filters.language ? sql`and locale = ${filters.language}` : sql``}
           ${filters.campaign !== undefined ? sql`and campaign = ${filters.campaign}` : sql``}
           ${path !== undefined ? sql`and path = ${path}` : sql``}
         group by 1, 2`,
  );
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const e = String(r.e);
    const counts = out.get(e) ?? new Map<string, number>();
    counts.set(String(r.k ?? ''), (counts.get(String(r.k ?? '')) ?? 0) + Number(r.n));
    out.set(e, counts);
  }
  return out;
}

/** The values a filter can take: those the rollups hold. */
export async function filterOptions(db: Executor): Promise<Record<'nationality' | 'region' | 'residenceStatus' | 'language' | 'campaign', string[]>> {
  const rows = await query<{ dims: string; a: string }>(
    db,
    sql`select dims, a from adoption_population_marginals where dims in ('nationality', 'region', 'residenceStatus', 'language')
        union select dims, a from adoption_stock_marginals where dims in ('nationality', 'region', 'residenceStatus', 'language', 'campaign')
        union select distinct dims, a from adoption_daily_marginals where dims = 'campaign'`,
  );
  const out = { nationality: [] as string[], region: [] as string[], residenceStatus: [] as string[], language: [] as string[], campaign: [] as string[] };
  for (const r of rows) {
    const list = out[r.dims as keyof typeof out];
    if (list && !list.includes(r.a)) list.push(r.a);
  }
  for (const list of Object.values(out)) list.sort();
  out.campaign = out.campaign.filter((c) => c !== '');
  return out;
}
