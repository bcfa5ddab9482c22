// The partner's view of its campaigns' funnel: the caller's organisation is
// found from the account (partnerOf), only its campaigns are read, and what
// it is shown goes through lib/analytics's small-cell protection (a count
// under 10 reads "<10"; a column whose total is shown hides a second cell
// when only one is hidden; shown counts are rounded to 5), as every
// published figure does.
import type { Executor } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';
import { protectList, protectTable, readCampaignFunnel, type CampaignFunnelCounts, type Shown } from '@/lib/analytics';
import { partnerOf, type PartnerView } from './partners';

/** From the first day counters exist to today in Korea: a partner's whole history. */
const SINCE_ALWAYS = '2000-01-01';

export const FUNNEL_STAGES = ['visits', 'checks', 'started', 'issued'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export type ShownCounts = Record<FunnelStage | 'guideViews', Shown>;
export type ShownCampaignFunnel = { campaigns: Array<ShownCounts & { campaignId: string; code: string }>; total: ShownCounts };

/** A partner's exact counts, protected for showing: each stage is a column of campaigns with its total. */
export function protectFunnel(exact: { campaigns: Array<CampaignFunnelCounts & { campaignId: string; code: string }>; total: CampaignFunnelCounts }): ShownCampaignFunnel {
  const rows = exact.campaigns;
  const table = protectTable({ cells: rows.map((c) => FUNNEL_STAGES.map((s) => c[s])), columnTotals: true });
  const guide = protectList(rows.map((c) => c.guideViews));
  const columnTotal = (i: number): Shown => (rows.length ? table.columnTotals![i]! : null);
  return {
    campaigns: rows.map((c, i) => ({
      campaignId: c.campaignId,
      code: c.code,
      visits: table.cells[i]![0]!,
      checks: table.cells[i]![1]!,
      started: table.cells[i]![2]!,
      issued: table.cells[i]![3]!,
      guideViews: guide.counts[i]!,
    })),
    total: { visits: columnTotal(0), checks: columnTotal(1), started: columnTotal(2), issued: columnTotal(3), guideViews: rows.length ? guide.total : null },
  };
}

/** The caller's organisation and its campaigns' funnel, protected for showing. */
export async function partnerFunnel(
  db: Executor,
  clock: Clock,
  input: { staffId: string; from?: string; to?: string },
): Promise<{ partner: PartnerView; funnel: ShownCampaignFunnel; from: string; to: string }> {
  const partner = await partnerOf(db, input.staffId);
  const from = input.from ?? SINCE_ALWAYS;
  const to = input.to ?? seoulDay(clock.now());
  return { partner, funnel: protectFunnel(await readCampaignFunnel(db, { partnerId: partner.id, from, to })), from, to };
}
