// Which requests count as a view of the guide (proxy.ts counts them per
// day, locale and campaign; never per person).
import { isLocale, type Locale } from '@/lib/i18n';
import { isTopicSlug } from './topics';

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
