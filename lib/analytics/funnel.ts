// Funnel counters: per day (in Korea), locale, campaign and path; never a
// person. Written in the transaction of the event they count.
import { sql } from 'drizzle-orm';
import { funnelDaily } from '@/db/schema';
import type { Executor } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';

export type FunnelEvent = {
  event: string;
  locale: string;
  campaign?: string | null;
  path?: string | null;
};

/** Adds one to a counter; call inside the transaction of the event it counts. */
export async function countFunnelEvent(tx: Executor, clock: Clock, e: FunnelEvent, by = 1): Promise<void> {
  await tx
    .insert(funnelDaily)
    .values({
      day: seoulDay(clock.now()),
      locale: e.locale,
      campaign: e.campaign ?? '',
      path: e.path ?? '',
      event: e.event,
      count: by,
    })
    .onConflictDoUpdate({
      target: [funnelDaily.day, funnelDaily.locale, funnelDaily.campaign, funnelDaily.path, funnelDaily.event],
      set: { count: sql`${funnelDaily.count} + ${by}` },
    });
}
