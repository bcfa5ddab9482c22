// The guide's funnel counters: guide_viewed and eligibility_answered:<outcome>,
// per day (in Korea), locale and campaign. Counters only, never a person.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { countFunnelEvent, funnelDaily } from '@/lib/analytics';
import { seoulDay, type Clock } from '@/lib/context/clock';
import type { OutcomeCode } from './eligibility';

export type FunnelDeps = { db: Executor; clock: Clock };
export type Attribution = { locale: string; campaign: string | null };

export const GUIDE_VIEWED = 'guide_viewed';
export const ELIGIBILITY_ANSWERED = 'eligibility_answered';

/** A guide page was opened. */
export async function recordGuideView({ db, clock }: FunnelDeps, at: Attribution): Promise<void> {
  await countFunnelEvent(db, clock, { event: GUIDE_VIEWED, locale: at.locale, campaign: at.campaign });
}

/** Someone answered the eligibility checker; only the outcome is counted, never the answers. */
export async function recordEligibilityAnswer({ db, clock }: FunnelDeps, at: Attribution, outcome: OutcomeCode): Promise<void> {
  await countFunnelEvent(db, clock, { event: `${ELIGIBILITY_ANSWERED}:${outcome}`, locale: at.locale, campaign: at.campaign });
}

export type FunnelCounter = { day: string; locale: string; campaign: string; path: string; event: string; count: number };

/** One day's counters (today in Korea by default), optionally for one campaign. */
export async function readFunnelCounters(
  { db, clock }: FunnelDeps,
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
export async function countRowsPerTable({ db }: Pick<FunnelDeps, 'db'>): Promise<Record<string, number>> {
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
