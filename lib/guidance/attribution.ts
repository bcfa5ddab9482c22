// Attribution without personal data: a campaign code from a link (?c=CODE)
// is remembered for the visit in a first-party session cookie holding the
// code and nothing else, and funnel events are counted per day, locale and
// campaign. No identifier of the visitor is ever made or stored.
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { isTopicSlug } from './topics';

/** The session cookie that remembers the campaign for the visit. */
export const CAMPAIGN_COOKIE = 'arc_c';
/** The query parameter of a campaign link. */
export const CAMPAIGN_PARAM = 'c';

const CAMPAIGN_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** A campaign code as given, or null when it is not one (anything else is ignored, never stored). */
export function parseCampaignCode(value: string | null | undefined): string | null {
  return typeof value === 'string' && CAMPAIGN_CODE.test(value) ? value : null;
}

/**
 * The locale of a guide page a person opens (/vi/guide, /vi/guide/help), or
 * null for any other request. Only document requests count: a browser
 * navigation says Sec-Fetch-Dest: document; the service worker fetching
 * pages to keep them offline, prefetches and React Server Component
 * requests do not count as a view.
 */
export function guideViewLocale(method: string, pathname: string, headers: Headers): Locale | null {
  if (method !== 'GET') return null;
  const match = /^\/([^/]+)\/guide(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!match || !isLocale(match[1])) return null;
  if (match[2] !== undefined && !isTopicSlug(match[2])) return null;
  const dest = headers.get('sec-fetch-dest');
  if (dest !== null && dest !== 'document') return null;
  if (headers.get('rsc') !== null || headers.get('next-router-prefetch') !== null) return null;
  const purpose = headers.get('sec-purpose') ?? headers.get('purpose');
  if (purpose && /prefetch|prerender/i.test(purpose)) return null;
  return match[1];
}
