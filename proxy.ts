import createMiddleware from 'next-intl/middleware';
import type { NextFetchEvent, NextRequest } from 'next/server';
import { routing } from './i18n/routing';
import { defaultLocale, isLocale } from './lib/i18n';
import { guideViewLocale } from './lib/guidance';
import { CAMPAIGN_COOKIE, CAMPAIGN_PARAM, parseCampaignCode } from './lib/outreach';
import { API_POLICY, NONCE_HEADER, newNonce, pagePolicy } from './lib/security';
import { fontInlineHashes, staticPolicyFor } from './app/_lib/static-pages';
import { readConfig } from './lib/config';
import { SAFE_METHODS, isSameOrigin } from './app/_lib/same-origin';
import { cookieName, cookieOptions, isHttpsRequest, normaliseRequestCookies } from './app/_lib/cookie-names';

const handleI18nRouting = createMiddleware(routing);

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  // A page's server action posted by another site: refused here with the app's
  // one error body (app/_lib/route.ts's rule), not Next's bare 500.
  if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request.headers, request.nextUrl.origin, configuredOrigins())) {
    return crossSiteRefusal(request);
  }
  // Content-Security-Policy (lib/security/headers.ts). A page the build
  // prerendered: the hashes of its own inline scripts and styles. Any other
  // page: a fresh nonce, which Next reads from the request's policy and
  // stamps on its own scripts and styles (pages that write a tag themselves
  // read it from NONCE_HEADER), and the hashes of the script font's inline rules and late switch.
  const policy = staticPolicyFor(request.nextUrl.pathname) ?? noncePolicy(request);
  if (policy.includes("'nonce-")) {
    request.headers.set('content-security-policy', policy);
    request.headers.set(NONCE_HEADER, policy.match(/'nonce-([^']+)'/)![1]!);
  }
  // Pages and server actions read session cookies by their plain names
  // (app/_lib/cookie-names.ts): over https only the __Host- ones count.
  normaliseRequestCookies(request);
  const response = handleI18nRouting(request);
  response.headers.set('content-security-policy', policy);

  // Attribution (lib/outreach): a valid ?c=CODE is remembered for the visit
  // in a session cookie holding only the code; guide page views are counted
  // per day, locale and campaign, never per person.
  const linked = parseCampaignCode(request.nextUrl.searchParams.get(CAMPAIGN_PARAM));
  if (linked) {
    const https = isHttpsRequest(request);
    // A session cookie (no Max-Age): gone when the browser closes.
    const { maxAge: _, ...flags } = cookieOptions(https, { maxAge: 0 });
    response.cookies.set(cookieName(CAMPAIGN_COOKIE, https), linked, flags);
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

function noncePolicy(request: NextRequest): string {
  const first = request.nextUrl.pathname.split('/')[1] ?? '';
  const font = isLocale(first) ? fontInlineHashes(first) : { scripts: [], styles: [] };
  return pagePolicy(newNonce(), { dev: process.env.NODE_ENV === 'development', styleHashes: font.styles, scriptHashes: font.scripts });
}

function configuredOrigins(): readonly string[] {
  try {
    return readConfig().origins;
  } catch {
    return []; // this server's own origin still counts
  }
}

/** 403 {error: {code: 'cross_site', message, params}} in the language of the page posted to. */
async function crossSiteRefusal(request: NextRequest): Promise<Response> {
  const first = request.nextUrl.pathname.split('/')[1] ?? '';
  const locale = isLocale(first) ? first : defaultLocale;
  const { messageForCode } = await import('./app/_lib/error-message');
  return Response.json(
    { error: { code: 'cross_site', message: await messageForCode(locale, 'cross_site'), params: {} } },
    { status: 403, headers: { 'cache-control': 'no-store', 'content-security-policy': API_POLICY } },
  );
}

/**
 * Counts a guide page view in the process's tally (lib/analytics), written to
 * the database once a second. Loaded lazily, so a request that counts nothing
 * never loads the database code.
 */
async function countGuideView(locale: string, campaign: string | null): Promise<void> {
  const now = new Date();
  const [{ getAppContext }, { guideViewTally }] = await Promise.all([import('./lib/context'), import('./lib/analytics')]);
  guideViewTally(async () => {
    const { db, clock } = await getAppContext();
    return { db, clock };
  }).add({ locale, campaign }, now);
}

export const config = {
  // Leave out the API, Next's own files, the service worker route, well-known
  // documents, campaigns' short links (/c/<code>, app/c) and any file with an
  // extension (icons, manifest, fonts).
  matcher: ['/((?!api|_next|serwist|\\.well-known|c/|.*\\..*).*)'],
};
