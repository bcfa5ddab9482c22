// The dashboard's answers computed the naive way: straight from the raw
// tables (credentials, enrollments, residents, cards), with a GROUP BY at
// question time. Never used by a dashboard view: the tests and the bench
// check the rollup answers against these, and the bench times both.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { DIMENSION_COLUMNS, nextDay, type Dimension } from './dimensions';
import { filteredDimensions, type DashboardFilters } from './filters';
import { RAW_CARD_SOURCE, ageBandSql, seoulDaySql } from './rebuild';
import type { Counts, SeriesPoint } from './dashboard';

type Row = Record<string, unknown>;

async function query(db: Executor, q: SQL): Promise<Row[]> {
  const result = await db.execute(q);
  return ((result as { rows?: Row[] }).rows ?? (result as unknown as Row[])) as Row[];
}

function toCounts(rows: Row[]): Counts {
  return new Map(rows.map((r) => [String(r.k ?? ''), Number(r.n)]));
}

/** Every card with its holder's dimensions (age band excepted: it depends on the day) and its days. */
const CARDS = sql`
  select s.path, s.campaign, ${seoulDaySql(sql`s.issued_at`)} as i, ${seoulDaySql(sql`s.ended_at`)} as r,
         coalesce(k.expires_on, date '9999-12-31') as e, r.birth_date,
         r.nationality, r.region, r.residence_status, coalesce(k.kind::text, 'legacy') as card_kind, r.preferred_language as language
    from (${RAW_CARD_SOURCE}) s
    join residents r on r.id = s.resident_id
    left join cards k on k.resident_id = s.resident_id and k.replaced_at is null`;

function staticConditions(filters: DashboardFilters): SQL[] {
  return filteredDimensions(filters)
    .filter((d) => d !== 'ageBand')
    .map((d) => sql`${sql.raw(`c.${DIMENSION_COLUMNS[d]}`)} = ${filters[d]!}`);
}

function and(parts: SQL[]): SQL {
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Active cards at the end of `day`: issued by then, not ended by then, physical card valid that day. */
export async function naiveActiveCards(db: Executor, filters: DashboardFilters, day: string, by: Dimension | null = null): Promise<Counts> {
  const d = sql`${day}::date`;
  const band = ageBandSql(sql`c.birth_date`, d);
  const key = by === 'ageBand' ? band : by ? sql.raw(`c.${DIMENSION_COLUMNS[by]}`) : sql`''`;
  const conditions = [...staticConditions(filters), sql`c.i <= ${d} and (c.r is null or c.r > ${d}) and c.e >= ${d}`];
  if (filters.ageBand) conditions.push(sql`${band} = ${filters.ageBand}`);
  return toCounts(await query(db, sql`select ${key} as k, count(*) as n from (${CARDS}) c where ${and(conditions)} group by 1`));
}

/** Eligible residents on `day` (registered, 14 or over, card valid), grouped. */
export async function naiveEligibleResidents(db: Executor, filters: DashboardFilters, day: string, by: Dimension | null = null): Promise<Counts> {
  if (by === 'campaign') return new Map();
  const d = sql`${day}::date`;
  const band = ageBandSql(sql`r.birth_date`, d);
  const column = (x: Dimension) => (x === 'ageBand' ? band : x === 'cardKind' ? sql`k.kind::text` : x === 'language' ? sql`r.preferred_language` : sql.raw(`r.${DIMENSION_COLUMNS[x]}`));
  const conditions = filteredDimensions(filters)
    .filter((x) => x !== 'campaign')
    .map((x) => sql`${column(x)} = ${filters[x]!}`);
  return toCounts(
    await query(
      db,
      sql`select ${by ? column(by) : sql`''`} as k, count(*) as n
            from residents r join cards k on k.resident_id = r.id and k.replaced_at is null
           where r.registered_at <= ${d} and extract(year from age(${d}, r.birth_date)) >= 14
             and k.issued_on <= ${d} and k.expires_on >= ${d} and ${and(conditions)}
           group by 1`,
    ),
  );
}

const BAND_AGES: Record<string, [number, number | null]> = {
  '14-19': [14, 20],
  '20-29': [20, 30],
  '30-39': [30, 40],
  '40-49': [40, 50],
  '50-59': [50, 60],
  '60+': [60, null],
};

/**
 * Active cards on every day of the range: each card is active from its
 * issue day to the day before it ended or the card's expiry (and, with an
 * age-band filter, while its holder is in the band); +1 and −1 at the ends,
 * grouped by day and summed.
 */
export async function naiveSeries(db: Executor, filters: DashboardFilters): Promise<SeriesPoint[]> {
  const birthday = (age: number) => sql`(((c.birth_date - 1) + make_interval(years => ${age}))::date + 1)`;
  let start = sql`c.i`;
  let end = sql`least(coalesce(c.r - 1, c.e), c.e)`;
  if (filters.ageBand) {
    const [lo, hi] = BAND_AGES[filters.ageBand]!;
    start = sql`greatest(c.i, ${birthday(lo)})`;
    if (hi !== null) end = sql`least(${end}, ${birthday(hi)} - 1)`;
  }
  const rows = await query(
    db,
    sql`with c as (${CARDS}), span as (select ${start} as s, ${end} as t from c where ${and(staticConditions(filters))})
        select d::text as day, sum(n) as n from (
          select s as d, 1 as n from span where s <= t
          union all select t + 1, -1 from span where s <= t
        ) x group by 1 order by 1`,
  );
  const byDay = new Map(rows.map((r) => [String(r.day).slice(0, 10), Number(r.n)]));
  let active = 0;
  for (const [d, n] of byDay) if (d < filters.from) active += n;
  const points: SeriesPoint[] = [];
  for (let d = filters.from; d <= filters.to; d = nextDay(d)) {
    active += byDay.get(d) ?? 0;
    points.push({ day: d, active });
  }
  return points;
}

/** Cards issued in the range per path. */
export async function naiveIssuedByPath(db: Executor, filters: DashboardFilters): Promise<Counts> {
  const conditions = [...staticConditions(filters), sql`c.i between ${filters.from}::date and ${filters.to}::date`];
  if (filters.ageBand) conditions.push(sql`${ageBandSql(sql`c.birth_date`, sql`c.i`)} = ${filters.ageBand}`);
  return toCounts(await query(db, sql`select c.path as k, count(*) as n from (${CARDS}) c where ${and(conditions)} group by 1`));
}
