// The rollups in bulk, in SQL: the eligible population counted from the
// registry (refreshAdoptionPopulation: the seed runs it, and it runs again
// whenever the registry is reloaded), every adoption rollup rebuilt from a
// source of cards (rebuildAdoptionRollups: the demo's history and the
// bench, which make many cards at once), and the calendar rolled forward
// (rollAdoptionCalendar: scheduled events whose day has come move into the
// daily events and the stock). The same rules as the live counters
// (adoption.ts, dimensions.ts), written once more as SQL; the tests check
// that both give the same rows. The first two read the raw tables — they
// are loads and repairs, never part of a dashboard view.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';
import {
  ADOPTION_MARGINALS,
  BOOKING_WAIT_EDGES_H,
  DAILY_MARGINALS,
  DIMENSION_COLUMNS,
  ISSUANCE_TIME_EDGES_MIN,
  POPULATION_MARGINALS,
  type Dimension,
} from './dimensions';

/** The settings key that records the day the eligible population was counted on. */
export const POPULATION_SETTING = 'analytics.population';
/** The settings key that records the last day whose scheduled events are in the daily events and the stock. */
export const CALENDAR_SETTING = 'analytics.calendar';
// One roll of the calendar at a time (pg_advisory_xact_lock).
const CALENDAR_LOCK_KEY = 0x41524344;

const DIM_COLUMNS = 'nationality, region, residence_status, age_band, card_kind, language';
const FACT_COLUMNS = `day, ${DIM_COLUMNS}, campaign, path, event`;
const SIGNED = `(case when event in ('issued', 'aged_in') then count else -count end)`;

/** The age band of age `age` (an integer expression), as dimensions.ts's ageBandOn. */
function bandOfAge(age: string): string {
  return `(case when ${age} >= 60 then '60+' when ${age} >= 50 then '50-59' when ${age} >= 40 then '40-49' when ${age} >= 30 then '30-39' when ${age} >= 20 then '20-29' else '14-19' end)`;
}

/** The age band of someone born on `birth` (a date expression) on `day` (a date expression). */
export function ageBandSql(birth: SQL, day: SQL): SQL {
  return sql`(select ${sql.raw(bandOfAge('x.age'))} from (select extract(year from age(${day}, ${birth}))::int as age) x)`;
}

/** The Korean day of a timestamptz expression (Korea keeps no daylight saving). */
export function seoulDaySql(at: SQL): SQL {
  return sql`((${at} at time zone 'UTC') + interval '9 hours')::date`;
}

/** The bucket of `value` among lower `edges` (0-based), as dimensions.ts's bucketOf. */
function bucketSql(edges: readonly number[], value: string): string {
  const cases = edges
    .map((edge, i) => [edge, i] as const)
    .slice(1)
    .reverse()
    .map(([edge, i]) => `when ${value} >= ${edge} then ${i}`)
    .join(' ');
  return `(case ${cases} else 0 end)`;
}

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** A lateral unpivot of a row into its marginal rows (dims, a, b). */
function unpivot(sets: readonly Dimension[][]): string {
  const value = (d: Dimension | undefined) => (d ? DIMENSION_COLUMNS[d] : `''`);
  return `cross join lateral (values ${sets.map((set) => `('${set.join('+')}', ${value(set[0])}, ${value(set[1])})`).join(', ')}) m(dims, a, b)`;
}

async function setSetting(db: Executor, key: string, value: unknown): Promise<void> {
  await db.execute(sql`
    insert into settings (key, value, updated_at) values (${key}, ${JSON.stringify(value)}::jsonb, now())
    on conflict (key) do update set value = excluded.value, updated_at = now()`);
}

/**
 * Counts the residents eligible on `day` (default: today in Korea) per
 * combination, with their age band of that day, replacing the previous
 * count; records the day in settings.
 */
export async function refreshAdoptionPopulation(db: Executor, clock: Clock, day = seoulDay(clock.now())): Promise<{ asOf: string; eligible: number }> {
  const d = sql`${day}::date`;
  await db.execute(sql`delete from adoption_population`);
  await db.execute(sql`delete from adoption_population_marginals`);
  await db.execute(sql`
    insert into adoption_population (${sql.raw(DIM_COLUMNS)}, eligible)
    select nationality, region, residence_status, ${sql.raw(bandOfAge('age'))}, kind, language, count(*)::int from (
      select r.nationality, r.region, r.residence_status, extract(year from age(${d}, r.birth_date))::int as age, k.kind::text as kind, r.preferred_language as language
        from residents r
        join cards k on k.resident_id = r.id and k.replaced_at is null
       where r.registered_at <= ${d} and k.issued_on <= ${d} and k.expires_on >= ${d}
    ) x where age >= 14
     group by 1, 2, 3, 4, 5, 6`);
  await db.execute(
    sql.raw(`insert into adoption_population_marginals (dims, a, b, eligible)
             select m.dims, m.a, m.b, sum(eligible)::int from adoption_population ${unpivot(POPULATION_MARGINALS)} group by 1, 2, 3`),
  );
  const [total] = rowsOf<{ n: number | string }>(await db.execute(sql`select coalesce(sum(eligible), 0) as n from adoption_population`));
  await setSetting(db, POPULATION_SETTING, { asOf: day });
  return { asOf: day, eligible: Number(total?.n ?? 0) };
}

/**
 * The cards as they are in the raw tables, in the shape the rebuild reads:
 * resident_id, issued_at, ended_at and end_event (revoked or locked, or
 * null), path (chip, office, video, community, reissue), campaign and
 * started_at (the first step on the path) — found as the live counter finds
 * them (adoption.ts cardFacts).
 */
export const RAW_CARD_SOURCE = sql`
  select c.resident_id, c.created_at as issued_at,
         case c.status when 'revoked' then c.revoked_at when 'locked' then c.locked_at end as ended_at,
         case c.status when 'revoked' then 'revoked' when 'locked' then 'locked' end as end_event,
         case when e.path::text = 'office' and visit.kind::text = 'community' then 'community' else coalesce(e.path::text, 'chip') end as path,
         coalesce(e.campaign, '') as campaign,
         least(c.created_at, coalesce(video.created_at, visit.created_at, e.started_at, c.created_at)) as started_at
    from credentials c
    left join enrollments e on e.id = c.enrollment_id
    left join enrollment_grants g on g.id = e.grant_id
    left join lateral (
      select b.created_at from proofing_sessions ps join bookings b on b.id = ps.booking_id
       where g.path = 'video' and ps.grant_id = g.id limit 1
    ) video on true
    left join lateral (
      select b.created_at, s.kind from bookings b join slots s on s.id = b.slot_id
       where g.path = 'office' and b.resident_id = g.resident_id and b.status = 'completed' and s.kind in ('office', 'community')
         and b.ended_at between g.created_at - interval '10 minutes' and g.created_at + interval '10 minutes'
       order by b.ended_at desc limit 1
    ) visit on true`;

/**
 * Moves into the daily events, their marginals, the stock and its
 * marginals the events of a table with adoption_daily's columns (a temporary
 * one: the calendar's roll, a rebuild's due events).
 */
async function applyDueEvents(db: Executor, table: string): Promise<void> {
  await db.execute(
    sql.raw(`insert into adoption_daily as t (${FACT_COLUMNS}, count)
             select ${FACT_COLUMNS}, sum(count) from ${table} group by ${FACT_COLUMNS}
             on conflict on constraint adoption_daily_pkey do update set count = t.count + excluded.count`),
  );
  await db.execute(
    sql.raw(`insert into adoption_daily_marginals as t (day, dims, a, b, path, event, count)
             select day, m.dims, m.a, m.b, path, event, sum(count) from ${table} ${unpivot(DAILY_MARGINALS)} group by 1, 2, 3, 4, 5, 6
             on conflict on constraint adoption_daily_marginals_pkey do update set count = t.count + excluded.count`),
  );
  await db.execute(sql.raw(`create temporary table adoption_stock_change on commit drop as
             select ${DIM_COLUMNS}, campaign, sum(${SIGNED}) as active from ${table} group by ${DIM_COLUMNS}, campaign having sum(${SIGNED}) <> 0`));
  await db.execute(
    sql.raw(`insert into adoption_stock as t (${DIM_COLUMNS}, campaign, active) select ${DIM_COLUMNS}, campaign, active from adoption_stock_change
             on conflict on constraint adoption_stock_pkey do update set active = t.active + excluded.active`),
  );
  await db.execute(
    sql.raw(`insert into adoption_stock_marginals as t (dims, a, b, active)
             select m.dims, m.a, m.b, sum(active) from adoption_stock_change ${unpivot(ADOPTION_MARGINALS)} group by 1, 2, 3
             on conflict on constraint adoption_stock_marginals_pkey do update set active = t.active + excluded.active`),
  );
  await db.execute(sql`drop table adoption_stock_change`);
}

/**
 * Brings the stock up to today: the scheduled events (band moves, expiries)
 * whose day has come leave adoption_scheduled for the daily events and the
 * stock. Once a day does the work; after that it only reads the day it
 * reached. Run before reading the dashboard (it touches only rollups).
 */
export async function rollAdoptionCalendar(db: Executor, clock: Clock): Promise<{ through: string; moved: number }> {
  const today = seoulDay(clock.now());
  const [current] = rowsOf<{ value: { through?: string } }>(await db.execute(sql`select value from settings where key = ${CALENDAR_SETTING}`));
  if (current?.value?.through && current.value.through >= today) return { through: current.value.through, moved: 0 };
  const run = async (tx: Executor) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CALENDAR_LOCK_KEY})`);
    const [again] = rowsOf<{ value: { through?: string } }>(await tx.execute(sql`select value from settings where key = ${CALENDAR_SETTING}`));
    if (again?.value?.through && again.value.through >= today) return { through: again.value.through, moved: 0 };
    await tx.execute(sql`create temporary table adoption_due (like adoption_scheduled) on commit drop`);
    await tx.execute(sql`with due as (delete from adoption_scheduled where day <= ${today}::date returning *) insert into adoption_due select * from due`);
    const [moved] = rowsOf<{ n: number | string }>(await tx.execute(sql`select count(*) as n from adoption_due`));
    await applyDueEvents(tx, 'adoption_due');
    await tx.execute(sql`drop table adoption_due`);
    await setSetting(tx, CALENDAR_SETTING, { through: today });
    return { through: today, moved: Number(moved?.n ?? 0) };
  };
  return db.transaction(run);
}

/**
 * Replaces every adoption rollup (events due and scheduled, the stock,
 * their marginals, the issuance-time histogram) with what the cards of
 * `source` make up to today, and the booking-wait histogram with the
 * bookings table's. The eligible population is refreshed separately.
 */
export async function rebuildAdoptionRollups(db: Executor, clock: Clock, source: SQL = RAW_CARD_SOURCE): Promise<{ facts: number; scheduled: number; stock: number }> {
  // Its temporary tables live until the transaction ends.
  return db.transaction((tx) => rebuild(tx, clock, source));
}

async function rebuild(db: Executor, clock: Clock, source: SQL): Promise<{ facts: number; scheduled: number; stock: number }> {
  const today = seoulDay(clock.now());
  for (const table of ['adoption_daily', 'adoption_daily_marginals', 'adoption_scheduled', 'adoption_stock', 'adoption_stock_marginals', 'issuance_time_daily', 'booking_wait_daily']) {
    await db.execute(sql.raw(`delete from ${table}`));
  }
  const cards = sql`
    select s.path, s.campaign, s.end_event, s.issued_at, s.started_at,
           ${seoulDaySql(sql`s.issued_at`)} as i, ${seoulDaySql(sql`s.ended_at`)} as r,
           coalesce(k.expires_on, date '9999-12-31') as e, r.birth_date,
           r.nationality, r.region, r.residence_status, coalesce(k.kind::text, 'legacy') as card_kind, r.preferred_language as language
      from (${source}) s
      join residents r on r.id = s.resident_id
      left join cards k on k.resident_id = s.resident_id and k.replaced_at is null`;
  // Every event of every card (its band: at band_day, or a band move's own), then summed per day and combination.
  await db.execute(sql`create temporary table adoption_rebuild on commit drop as
    with c as materialized (${cards}),
    ev as (
      select c.i as day, c.i as band_day, null::text as band, 'issued' as event, c.* from c
      union all
      select c.r, c.r, null, c.end_event, c.* from c where c.r is not null and c.r <= c.e
      union all
      select m.day, null, x.band, x.event, c.* from c
        cross join lateral (
          select ((c.birth_date - 1) + make_interval(years => bd.age))::date + 1 as day, bd.band_from, bd.band_to
            from (values (20, '14-19', '20-29'), (30, '20-29', '30-39'), (40, '30-39', '40-49'), (50, '40-49', '50-59'), (60, '50-59', '60+')) bd(age, band_from, band_to)
        ) m
        cross join lateral (values (m.band_from, 'aged_out'), (m.band_to, 'aged_in')) x(band, event)
       where m.day > c.i and m.day <= c.e and (c.r is null or m.day <= c.r)
      union all
      select greatest(c.e + 1, c.i), greatest(c.e, c.i), null, 'expired', c.* from c where c.e < date '9999-12-31' and (c.r is null or c.r > c.e)
    )
    select day, nationality, region, residence_status,
           coalesce(band, ${sql.raw(bandOfAge('extract(year from age(band_day, birth_date))::int'))}) as age_band,
           card_kind, language, campaign, path, event, count(*)::bigint as count
      from ev group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`);
  await db.execute(sql`create temporary table adoption_rebuild_due on commit drop as select * from adoption_rebuild where day <= ${today}::date`);
  await applyDueEvents(db, 'adoption_rebuild_due');
  await db.execute(
    sql.raw(`insert into adoption_scheduled (${FACT_COLUMNS}, count) select ${FACT_COLUMNS}, count from adoption_rebuild where day > '${today}'::date`),
  );
  await db.execute(sql`drop table adoption_rebuild`);
  await db.execute(sql`drop table adoption_rebuild_due`);
  await setSetting(db, CALENDAR_SETTING, { through: today });

  await db.execute(sql`
    insert into issuance_time_daily (day, path, language, bucket, count)
    select i, path, language, ${sql.raw(bucketSql(ISSUANCE_TIME_EDGES_MIN, 'minutes'))}, count(*) from (
      select ${seoulDaySql(sql`s.issued_at`)} as i, s.path, r.preferred_language as language, extract(epoch from (s.issued_at - s.started_at)) / 60 as minutes
        from (${source}) s join residents r on r.id = s.resident_id
    ) x group by 1, 2, 3, 4`);
  await db.execute(sql`
    insert into booking_wait_daily (day, language, kind, bucket, count)
    select day, locale, kind, ${sql.raw(bucketSql(BOOKING_WAIT_EDGES_H, 'hours'))}, count(*) from (
      select ${seoulDaySql(sql`b.created_at`)} as day, b.locale, s.kind::text as kind, greatest(0, extract(epoch from (s.starts_at - b.created_at)) / 3600) as hours
        from bookings b join slots s on s.id = b.slot_id
       where b.rescheduled_from is null
    ) x group by 1, 2, 3, 4`);
  const [counts] = rowsOf<{ facts: string | number; scheduled: string | number; stock: string | number }>(
    await db.execute(
      sql`select (select count(*) from adoption_daily) as facts, (select count(*) from adoption_scheduled) as scheduled, (select count(*) from adoption_stock) as stock`,
    ),
  );
  return { facts: Number(counts?.facts ?? 0), scheduled: Number(counts?.scheduled ?? 0), stock: Number(counts?.stock ?? 0) };
}
