// The short link printed on a poster: /c/<code>. It sends the visitor to the
// home page in their language with the campaign's code (?c=CODE, which the
// proxy remembers for the visit), and counts one visit for the campaign.
// An unknown code goes to the home page without attribution.
import type { Db } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { recordCampaignVisit } from '@/lib/analytics';
import { acceptedLocales, defaultLocale, isLocale, type Locale } from '@/lib/i18n';
import { CAMPAIGN_PARAM } from './campaign';
import { campaignByCode } from './campaigns';

/** The path of a campaign's short link: short enough to print and to type. */
export function shortLinkPath(code: string): string {
  return `/c/${code}`;
}

/** The short link as printed under the QR code: the site without its scheme, then the path ("arc.example.kr/c/TETVN26"). */
export function printedShortLink(absolute: string): string {
  return absolute.replace(/^https?:\/\//, '');
}

/**
 * The language a link visitor lands in: the phone's remembered choice
 * (NEXT_LOCALE); else, of the languages the browser asks for, one the
 * campaign was made in (a Khmer poster's reader whose phone also lists
 * Khmer reads Khmer, even when Korean comes first); else the browser's first;
 * else the campaign's first language; else English.
 */
export function linkLocale(input: { cookie?: string | null; acceptLanguage?: string | null; campaignLanguages?: readonly Locale[] }): Locale {
  if (isLocale(input.cookie)) return input.cookie;
  const accepted = acceptedLocales(input.acceptLanguage);
  const campaign = input.campaignLanguages ?? [];
  return accepted.find((l) => campaign.includes(l)) ?? accepted[0] ?? campaign[0] ?? defaultLocale;
}

export type LinkTarget = { locale: Locale; campaign: string | null; path: string };

/**
 * Resolves an opened short link and, when it names a campaign and `count`
 * is set (a person's navigation, not a prefetch), counts one visit in the
 * language chosen. Never fails on a bad code: that is a visit without
 * attribution.
 */
export async function openCampaignLink(
  db: Db,
  clock: Clock,
  input: { code: string; cookie?: string | null; acceptLanguage?: string | null; count: boolean },
): Promise<LinkTarget> {
  const campaign = await campaignByCode(db, input.code);
  const locale = linkLocale({ cookie: input.cookie, acceptLanguage: input.acceptLanguage, campaignLanguages: campaign?.languages });
  if (!campaign) return { locale, campaign: null, path: `/${locale}` };
  if (input.count) await recordCampaignVisit(db, clock, { locale, campaign: campaign.code });
  return { locale, campaign: campaign.code, path: `/${locale}?${CAMPAIGN_PARAM}=${encodeURIComponent(campaign.code)}` };
}

/** Whether a request is a person opening the link (a document navigation), not a prefetch or a link preview's probe. */
export function isPersonOpening(method: string, headers: Headers): boolean {
  if (method !== 'GET') return false;
  const dest = headers.get('sec-fetch-dest');
  if (dest !== null && dest !== 'document') return false;
  if (headers.get('rsc') !== null || headers.get('next-router-prefetch') !== null) return false;
  const purpose = headers.get('sec-purpose') ?? headers.get('purpose');
  return !(purpose && /prefetch|prerender/i.test(purpose));
}
