// The guide's funnel counters: guide_viewed and eligibility_answered:<outcome>,
// per day (in Korea), locale and campaign. Counters only, never a person.
import type { Executor } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';
import type { OutcomeCode } from '@/lib/guidance';
import { countFunnelEvent } from './funnel';

export type FunnelDeps = { db: Executor; clock: Clock };
export type Attribution = { locale: string; campaign: string | null };

export const GUIDE_VIEWED = 'guide_viewed';
export const ELIGIBILITY_ANSWERED = 'eligibility_answered';

/** A guide page was opened (`by` times: a tally's batch). */
export async function recordGuideView({ db, clock }: FunnelDeps, at: Attribution, by = 1): Promise<void> {
  await countFunnelEvent(db, clock, { event: GUIDE_VIEWED, locale: at.locale, campaign: at.campaign }, by);
}

/** Someone answered the eligibility checker; only the outcome is counted, never the answers. */
export async function recordEligibilityAnswer({ db, clock }: FunnelDeps, at: Attribution, outcome: OutcomeCode): Promise<void> {
  await countFunnelEvent(db, clock, { event: `${ELIGIBILITY_ANSWERED}:${outcome}`, locale: at.locale, campaign: at.campaign });
}

// ---- Guide views, tallied in memory
//
// The guide is the app's most read page and is prerendered (static): a view
// must not cost a database write of its own, or 200 readers at once queue on
// one counter row. Views are added up per day, locale and campaign in the
// process and written together at most once a second (one upsert per
// distinct key). A process that dies loses at most that second's counts; a
// stopping server writes them first (flushGuideViews). One tally per process,
// kept on globalThis (the proxy and the server are bundled apart).

type Pending = { at: Date; locale: string; campaign: string | null; count: number };

export class GuideViewTally {
  private pending = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: () => Promise<FunnelDeps>,
    private readonly flushMs = 1_000,
  ) {}

  /** One view, at `now`, counted on the day (in Korea) it happened. */
  add(at: Attribution, now: Date): void {
    const key = `${seoulDay(now)}|${at.locale}|${at.campaign ?? ''}`;
    const entry = this.pending.get(key);
    if (entry) entry.count += 1;
    else this.pending.set(key, { at: now, locale: at.locale, campaign: at.campaign, count: 1 });
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref?.();
    }
  }

  /** Writes what has been added so far; resolves once it is in the database. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending.values()];
    this.pending.clear();
    this.writing = this.writing.then(async () => {
      if (batch.length === 0) return;
      const { db } = await this.deps();
      for (const p of batch) await recordGuideView({ db, clock: { now: () => p.at } }, p, p.count);
    });
    // A counter must never break a page: a failed write drops that batch.
    return (this.writing = this.writing.catch(() => {}));
  }
}

const TALLY = Symbol.for('arc-mobile.guide-view-tally');
const holder = globalThis as Record<symbol, GuideViewTally | undefined>;

/** This process's tally, made on first use with `deps` (the app's database). */
export function guideViewTally(deps: () => Promise<FunnelDeps>): GuideViewTally {
  return (holder[TALLY] ??= new GuideViewTally(deps));
}

/** Writes this process's tallied guide views now (a stopping server). */
export async function flushGuideViews(): Promise<void> {
  await holder[TALLY]?.flush();
}
