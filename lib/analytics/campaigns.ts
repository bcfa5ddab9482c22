// A partner's campaign funnel: visits through each campaign's short link,
// eligibility checks, enrollments started and cards issued, read from the
// funnel_daily counters of that partner's OWN campaign codes (joined on
// campaigns.partner_id, so no other organisation's code can enter the sum).
// Counters only, never a person.
import { sql } from 'drizzle-orm';
import { campaigns, funnelDaily } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { ELIGIBILITY_ANSWERED, GUIDE_VIEWED } from './guide';
import { countFunnelEvent } from './funnel';

/** Someone opened a campaign's short link (a scan of its poster's QR code, a tap on its post). */
export const CAMPAIGN_VISIT = 'link_opened';
/** The enrollment events lib/enrollment counts (funnel_daily.event). */
export const ENROLLMENT_STARTED = 'enrollment_started';
export const CARD_ISSUED = 'issued';

/** Counts one opening of a campaign's link, in the locale the visitor is sent to. */
export async function recordCampaignVisit(tx: Executor, clock: Clock, visit: { locale: string; campaign: string }): Promise<void> {
  await countFunnelEvent(tx, clock, { event: CAMPAIGN_VISIT, locale: visit.locale, campaign: visit.campaign });
}

export type CampaignFunnelCounts = {
  /** Openings of the short link. */
  visits: number;
  /** Answers to the eligibility checker, any outcome. */
  checks: number;
  started: number;
  issued: number;
  /** Guide pages read during visits from the campaign (page views, not people). */
  guideViews: number;
};

export type CampaignFunnelRow = CampaignFunnelCounts & { campaignId: string; code: string };

export type CampaignFunnel = { campaigns: CampaignFunnelRow[]; total: CampaignFunnelCounts };

const ZERO: CampaignFunnelCounts = { visits: 0, checks: 0, started: 0, issued: 0, guideViews: 0 };

/**
 * The funnel of one partner's campaigns between two Korean days (inclusive,
 * YYYY-MM-DD), per campaign (every campaign of the partner, newest first,
 * zeros included) and in total.
 */
export async function readCampaignFunnel(db: Executor, input: { partnerId: string; from: string; to: string }): Promise<CampaignFunnel> {
  const f = funnelDaily;
  const sumOf = (condition: ReturnType<typeof sql>) => sql<string>`coalesce(sum(${f.count}) filter (where ${condition}), 0)`;
  const rows = await db
    .select({
      campaignId: campaigns.id,
      code: campaigns.code,
      visits: sumOf(sql`${f.event} = ${CAMPAIGN_VISIT}`),
      checks: sumOf(sql`${f.event} like ${`${ELIGIBILITY_ANSWERED}:%`}`),
      started: sumOf(sql`${f.event} = ${ENROLLMENT_STARTED}`),
      issued: sumOf(sql`${f.event} = ${CARD_ISSUED}`),
      guideViews: sumOf(sql`${f.event} = ${GUIDE_VIEWED}`),
    })
    .from(campaigns)
    .leftJoin(f, sql`${f.campaign} = ${campaigns.code} and ${f.day} between ${input.from} and ${input.to}`)
    .where(sql`${campaigns.partnerId} = ${input.partnerId}`)
    .groupBy(campaigns.id, campaigns.code, campaigns.createdAt)
    .orderBy(sql`${campaigns.createdAt} desc`, campaigns.id);
  const list = rows.map((r) => ({
    campaignId: r.campaignId,
    code: r.code,
    visits: Number(r.visits),
    checks: Number(r.checks),
    started: Number(r.started),
    issued: Number(r.issued),
    guideViews: Number(r.guideViews),
  }));
  const total = list.reduce<CampaignFunnelCounts>(
    (sum, r) => ({
      visits: sum.visits + r.visits,
      checks: sum.checks + r.checks,
      started: sum.started + r.started,
      issued: sum.issued + r.issued,
      guideViews: sum.guideViews + r.guideViews,
    }),
    { ...ZERO },
  );
  return { campaigns: list, total };
}
