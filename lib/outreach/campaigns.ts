// A partner's campaigns: created with a name, the languages of its posters
// and a channel; each gets a random short code for its printed link. Every
// use case here takes the caller's staff id and finds the organisation from
// it (partnerOf): a partner reads and changes only its own campaigns, and
// another organisation's campaign answers as unknown.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { campaigns, type Campaign, type CampaignChannel } from '@/db/schema';
import type { Db, Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { recordAudit } from '@/lib/audit';
import { coreErrors } from '@/lib/errors';
import { isLocale, type Locale } from '@/lib/i18n';
import { newCampaignCode, normaliseCampaignCode } from './codes';
import { outreachErrors } from './errors';
import { checkLanguages, checkName, partnerOf, type PartnerView } from './partners';

export const CAMPAIGN_CHANNELS = ['poster', 'social', 'event', 'embassy_notice'] as const satisfies readonly CampaignChannel[];
export type { CampaignChannel };
export const CAMPAIGN_NAME_MAX = 80;

export function isCampaignChannel(value: unknown): value is CampaignChannel {
  return typeof value === 'string' && (CAMPAIGN_CHANNELS as readonly string[]).includes(value);
}

export type CampaignView = {
  id: string;
  partnerId: string;
  code: string;
  name: string;
  languages: Locale[];
  channel: CampaignChannel;
  createdAt: Date;
  archivedAt: Date | null;
};

function campaignView(row: Campaign): CampaignView {
  return {
    id: row.id,
    partnerId: row.partnerId,
    code: row.code,
    name: row.name,
    languages: row.languages.filter(isLocale),
    channel: row.channel,
    createdAt: row.createdAt,
    archivedAt: row.archivedAt,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type NewCampaign = { name: string; languages: readonly string[]; channel: string };

/** A partner creates a campaign for its organisation. Audited (campaign.created). */
export async function createCampaign(db: Db, clock: Clock, input: NewCampaign & { staffId: string }): Promise<CampaignView> {
  const name = checkName(input.name, CAMPAIGN_NAME_MAX);
  const languages = checkLanguages(input.languages);
  const channel = input.channel;
  if (!isCampaignChannel(channel)) throw coreErrors.create('invalid_input', { fields: 'channel' });
  return db.transaction(async (tx) => {
    const partner = await partnerOf(tx, input.staffId);
    // A clash of random codes is vanishingly rare; the unique index catches it and the next try draws again.
    for (let attempt = 0; ; attempt++) {
      const [row] = await tx
        .insert(campaigns)
        .values({ partnerId: partner.id, code: newCampaignCode(), name, languages, channel, createdAt: clock.now() })
        .onConflictDoNothing()
        .returning();
      if (row) {
        await recordAudit(tx, clock, {
          actor: { kind: 'staff', id: input.staffId },
          action: 'campaign.created',
          subject: { kind: 'campaign', id: row.id },
          detail: { partnerId: partner.id, code: row.code, channel: row.channel, languages },
        });
        return campaignView(row);
      }
      if (attempt >= 4) throw coreErrors.create('conflict');
    }
  });
}

/** The caller's organisation and its campaigns, newest first (archived ones too, marked). */
export async function listCampaigns(db: Executor, input: { staffId: string }): Promise<{ partner: PartnerView; campaigns: CampaignView[] }> {
  const partner = await partnerOf(db, input.staffId);
  const rows = await db.select().from(campaigns).where(eq(campaigns.partnerId, partner.id)).orderBy(desc(campaigns.createdAt), desc(campaigns.id));
  return { partner, campaigns: rows.map(campaignView) };
}

/** One of the caller's organisation's campaigns; another organisation's (or none) throws campaign_unknown. */
export async function getCampaign(db: Executor, input: { staffId: string; campaignId: string }): Promise<{ partner: PartnerView; campaign: CampaignView }> {
  const partner = await partnerOf(db, input.staffId);
  if (!UUID.test(input.campaignId)) throw outreachErrors.create('campaign_unknown');
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, input.campaignId), eq(campaigns.partnerId, partner.id)));
  if (!row) throw outreachErrors.create('campaign_unknown');
  return { partner, campaign: campaignView(row) };
}

/**
 * A partner ends a campaign: it leaves the list of running ones. Its link
 * keeps working and counting (posters stay on walls after a campaign
 * ends), so the funnel of an ended campaign stays true. Audited.
 */
export async function archiveCampaign(db: Db, clock: Clock, input: { staffId: string; campaignId: string }): Promise<CampaignView> {
  if (!UUID.test(input.campaignId)) throw outreachErrors.create('campaign_unknown');
  return db.transaction(async (tx) => {
    const partner = await partnerOf(tx, input.staffId);
    const [row] = await tx
      .update(campaigns)
      .set({ archivedAt: clock.now() })
      .where(and(eq(campaigns.id, input.campaignId), eq(campaigns.partnerId, partner.id), isNull(campaigns.archivedAt)))
      .returning();
    if (!row) {
      const [existing] = await tx
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(and(eq(campaigns.id, input.campaignId), eq(campaigns.partnerId, partner.id)));
      throw outreachErrors.create(existing ? 'campaign_archived' : 'campaign_unknown');
    }
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.staffId },
      action: 'campaign.archived',
      subject: { kind: 'campaign', id: row.id },
      detail: { partnerId: partner.id, code: row.code },
    });
    return campaignView(row);
  });
}

/** The campaign a short code names (as typed: any case, spaces around), or null. Public: the code is on the poster. */
export async function campaignByCode(db: Executor, code: string | null | undefined): Promise<CampaignView | null> {
  const normal = normaliseCampaignCode(code);
  if (!normal) return null;
  const [row] = await db.select().from(campaigns).where(eq(campaigns.code, normal));
  return row ? campaignView(row) : null;
}
