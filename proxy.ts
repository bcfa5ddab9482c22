import createMiddleware from 'next-intl/middleware';
import type { NextFetchEvent, NextRequest } from 'next/server';
import { routing } from './i18n/routing';
import { PATH_HEADER } from './lib/i18n';
import { guideViewLocale } from './lib/guidance';
import { CAMPAIGN_COOKIE, CAMPAIGN_PARAM, parseCampaignCode } from './lib/outreach';

const handleI18nRouting = createMiddleware(routing);

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  request.headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = handleI18nRouting(request);

  // Attribution (lib/outreach): a valid ?c=CODE is remembered for the visit
  // in a session cookie holding only the code; guide page views are counted
  // per day, locale and campaign, never per person.
  const linked = parseCampaignCode(request.nextUrl.searchParams.get(CAMPAIGN_PARAM));
  if (linked) {
    const secure = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
    response.cookies.set(CAMPAIGN_COOKIE, linked, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
  }
  const guideLocale = guideViewLocale(request.method, request.nextUrl.pathname, request.headers);
  if (guideLocale) {
    const campaign = linked ?? parseCampaignCode(request.cookies.get(CAMPAIGN_COOKIE)?.value);
    event.waitUntil(
      countGuideView(guideLocale, campaign).catch(() => {
        // A counter must never break a page.
      }),
    );
  }
  return response;
}

/**
 * Counts a guide page view with the process's database (opened at start-up
 * by instrumentation.ts). Loaded lazily, so a request that counts nothing
 * never loads the database code.
 */
async function countGuideView(locale: string, campaign: string | null): Promise<void> {
  const [{ getAppContext }, { recordGuideView }] = await Promise.all([import('./lib/context'), import('./lib/analytics')]);
  const { db, clock } = await getAppContext();
  await recordGuideView({ db, clock }, { locale, campaign });
}

export const config = {
  // Leave out the API, Next's own files, the service worker route, well-known
  // documents, campaigns' short links (/c/<code>, app/c) and any file with an
  // extension (icons, manifest, fonts).
  matcher: ['/((?!api|_next|serwist|\\.well-known|c/|.*\\..*).*)'],
};
