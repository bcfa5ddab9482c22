// The guide's funnel counters: guide_viewed and eligibility_answered:<outcome>,
// per day (in Korea), locale and campaign. Counters only, never a person.
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import type { OutcomeCode } from '@/lib/guidance';
import { countFunnelEvent } from './funnel';

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
