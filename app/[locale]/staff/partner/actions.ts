'use server';
// Server actions of the outreach pages (partners, their campaigns and
// community days; officers deciding community days; admins adding partner
// organisations), each through the one action wrapper (app/_lib/action.ts),
// each naming its roles, each calling one use case of lib/outreach. The
// partner's organisation always comes from the signed-in account, never
// from the form. Failures go back to the form's page with ?error=<code>.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/action';
import { translatorFor } from '@/app/_lib/messages';
import { coreErrors } from '@/lib/errors';
import { formatTime, locales } from '@/lib/i18n';
import {
  archiveCampaign,
  CAMPAIGN_CHANNELS,
  createCampaign,
  createPartner,
  declineCommunityDay,
  invitePartnerMember,
  PARTNER_KINDS,
  requestCommunityDay,
  scheduleCommunityDay,
} from '@/lib/outreach';
import { seoulInstant } from '@/lib/proofing';
import type { StaffPrincipal } from '@/lib/staff';

/** The member the wrapper signed in (every action here names roles, so there is one). */
function signedIn(staff: StaffPrincipal | undefined): StaffPrincipal {
  if (!staff) throw coreErrors.create('unauthorized');
  return staff;
}

/** One checkbox per language (lang_km=on, lang_ar=on …): a form field holds one value, so each language is its own field. */
const languageBoxes = Object.fromEntries(locales.map((l) => [`lang_${l}`, z.literal('on').optional()])) as Record<
  `lang_${(typeof locales)[number]}`,
  z.ZodOptional<z.ZodLiteral<'on'>>
>;

function languagesOf(fields: Record<string, unknown>): string[] {
  return locales.filter((l) => fields[`lang_${l}`] === 'on');
}

function back(page: string) {
  return ({ locale, code }: { locale: string; code: string }) => redirect(`/${locale}${page}?error=${encodeURIComponent(code)}`);
}

const UUID = z.uuid();

// ---------------------------------------------------------------- partners: campaigns

export const createCampaignAction = formAction(
  {
    input: z.object({ name: z.string().max(200), channel: z.enum(CAMPAIGN_CHANNELS), ...languageBoxes }),
    staff: ['partner'],
    failed: back('/staff/partner'),
  },
  async (input, { locale, app, staff }) => {
    const partner = signedIn(staff);
    const campaign = await createCampaign(app.db, app.clock, {
      staffId: partner.staffId,
      name: input.name,
      channel: input.channel,
      languages: languagesOf(input),
    });
    redirect(`/${locale}/staff/partner/campaigns/${campaign.id}?created=1`);
  },
);

export const archiveCampaignAction = formAction(
  {
    input: z.object({ campaignId: UUID }),
    staff: ['partner'],
    failed: ({ locale, code, fields }) =>
      redirect(
        UUID.safeParse(fields.campaignId).success
          ? `/${locale}/staff/partner/campaigns/${fields.campaignId}?error=${encodeURIComponent(code)}`
          : `/${locale}/staff/partner?error=${encodeURIComponent(code)}`,
      ),
  },
  async (input, { locale, app, staff }) => {
    const partner = signedIn(staff);
    await archiveCampaign(app.db, app.clock, { staffId: partner.staffId, campaignId: input.campaignId });
    redirect(`/${locale}/staff/partner/campaigns/${input.campaignId}?archived=1`);
  },
);

// ---------------------------------------------------------------- partners: community days

const day = z.string().max(10).optional();

export const requestCommunityDayAction = formAction(
  {
    input: z.object({
      venue: z.string().max(400),
      address: z.string().max(400),
      date1: day,
      date2: day,
      date3: day,
      expectedPeople: z.coerce.number().int().min(1).max(5000),
      note: z.string().max(2000).optional(),
      ...languageBoxes,
    }),
    staff: ['partner'],
    failed: back('/staff/partner/community-days'),
  },
  async (input, { locale, app, staff }) => {
    const partner = signedIn(staff);
    await requestCommunityDay(app.db, app.clock, app.keys, {
      staffId: partner.staffId,
      venue: input.venue,
      address: input.address,
      preferredDates: [input.date1, input.date2, input.date3].filter((d): d is string => Boolean(d)),
      languages: languagesOf(input),
      expectedPeople: input.expectedPeople,
      note: input.note,
    });
    redirect(`/${locale}/staff/partner/community-days?sent=1`);
  },
);

// ---------------------------------------------------------------- officers: community-day requests

export const scheduleCommunityDayAction = formAction(
  {
    input: z.object({
      requestId: UUID,
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      time: z.string().regex(/^\d{2}:\d{2}$/),
      minutes: z.coerce.number().int().min(5).max(480),
      capacity: z.coerce.number().int().min(1).max(100),
    }),
    staff: ['officer'],
    failed: back('/staff/community-days'),
  },
  async (input, { locale, app, staff }) => {
    const officer = signedIn(staff);
    const startsAt = seoulInstant(input.day, input.time);
    if (!startsAt) throw coreErrors.create('invalid_input', { fields: 'day' });
    await scheduleCommunityDay(app.db, app.clock, app.keys, {
      officerId: officer.staffId,
      requestId: input.requestId,
      startsAt,
      minutes: input.minutes,
      capacity: input.capacity,
    });
    redirect(`/${locale}/staff/community-days?scheduled=1`);
  },
);

export const declineCommunityDayAction = formAction(
  {
    input: z.object({ requestId: UUID }),
    staff: ['officer', 'admin'],
    failed: back('/staff/community-days'),
  },
  async (input, { locale, app, staff }) => {
    const member = signedIn(staff);
    await declineCommunityDay(app.db, app.clock, app.keys, { staffId: member.staffId, requestId: input.requestId });
    redirect(`/${locale}/staff/community-days?declined=1`);
  },
);

// ---------------------------------------------------------------- admins: partner organisations

export const createPartnerAction = formAction(
  {
    input: z.object({ kind: z.enum(PARTNER_KINDS), name: z.string().max(400), region: z.string().max(40), ...languageBoxes }),
    staff: ['admin'],
    failed: back('/staff/partner/organisations'),
  },
  async (input, { locale, app, staff }) => {
    const admin = signedIn(staff);
    await createPartner(app.db, app.clock, {
      actorId: admin.staffId,
      kind: input.kind,
      name: input.name,
      region: input.region,
      languages: languagesOf(input),
    });
    redirect(`/${locale}/staff/partner/organisations?created=1`);
  },
);

export type PartnerInviteState =
  | { status: 'idle' }
  | { status: 'error'; message: string }
  | { status: 'done'; link: string; expiresAt: string; message: string };

export const invitePartnerMemberAction = formAction(
  {
    input: z.object({
      partnerId: UUID,
      displayName: z.string().trim().min(1).max(100),
      handle: z.string().trim().min(3).max(120),
    }),
    staff: ['admin'],
    failed: ({ message }): PartnerInviteState => ({ status: 'error', message }),
  },
  async (input, { locale, app, staff }): Promise<PartnerInviteState> => {
    const admin = signedIn(staff);
    const invite = await invitePartnerMember(app.db, app.clock, app.keys, { actorId: admin.staffId, ...input });
    const t = await translatorFor(locale, 'staff');
    const p = await translatorFor(locale, 'partner');
    return {
      status: 'done',
      link: `${app.config.origins[0]}/${locale}/staff/invite/${invite.token}`,
      expiresAt: t('admin.inviteExpires', { at: invite.expiresAt, time: formatTime(locale, invite.expiresAt) }),
      message: p('organisations.inviteDone', { name: input.displayName, organisation: invite.partner.name }),
    };
  },
);
