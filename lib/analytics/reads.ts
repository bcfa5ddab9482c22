// Reading the counters back: one day's funnel, and (for the demo's privacy
// check) how many rows every table holds.
import { and, eq, sql } from 'drizzle-orm';
import { funnelDaily } from '@/db/schema';
import type { Executor } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';

export type FunnelCounter = { day: string; locale: string; campaign: string; path: string; event: string; count: number };

/** One day's counters (today in Korea by default), optionally for one campaign. */
export async function readFunnelCounters(
  { db, clock }: { db: Executor; clock: Clock },
  filter: { campaign?: string; day?: string } = {},
): Promise<FunnelCounter[]> {
  const day = filter.day ?? seoulDay(clock.now());
  const rows = await db
    .select()
    .from(funnelDaily)
    .where(and(eq(funnelDaily.day, day), filter.campaign !== undefined ? eq(funnelDaily.campaign, filter.campaign) : undefined))
    .orderBy(funnelDaily.event, funnelDaily.locale);
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/**
 * The number of rows in every table of the database, for the demo-only
 * check that a campaign link stores nothing but counters.
 */
export async function countRowsPerTable({ db }: { db: Executor }): Promise<Record<string, number>> {
  const tables = await db.execute<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of rowsOf<{ name: string }>(tables)) {
    const result = await db.execute<{ n: number | string }>(sql`select count(*) as n from ${sql.identifier(name)}`);
    counts[name] = Number(rowsOf<{ n: number | string }>(result)[0]?.n ?? 0);
  }
  return counts;
}

/** drizzle's execute returns { rows } on both pg and PGlite. */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
