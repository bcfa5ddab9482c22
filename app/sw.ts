/// <reference lib="webworker" />
// The service worker (bundled by @serwist/turbopack from app/serwist/[path]/route.ts,
// served at /serwist/sw.js with scope /).
//
// - Precache: the build's _next/static files, and the icons.
// - Pages of the reader's language (lib/guidance/offline-pages.ts) and its script
//   font are cached on install and when a page posts {type:'cache-locale'}.
// - Navigations: network first; offline, the cached page, else the offline
//   page in the language of the address asked for.
// - Page and font caches carry the build's version, so a new deploy replaces
//   them; old ones are deleted on activate.
import { CacheFirst, NetworkFirst, Serwist, type PrecacheEntry, type RouteHandlerCallbackOptions, type SerwistGlobalConfig } from 'serwist';
import { defaultLocale, isLocale, scriptFonts, type Locale } from '../lib/i18n';
import { isOfflinePage, localeOfPath, offlinePagePath, offlinePagesFor } from '../lib/guidance';

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

const precacheEntries = self.__SW_MANIFEST ?? [];

/** FNV-1a over the precache manifest: it names every built file, so each build differs. */
function versionOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

const version = versionOf(JSON.stringify(precacheEntries));
const PAGES_CACHE = `arc-pages-${version}`;
const FONTS_CACHE = `arc-fonts-${version}`;
/** Not versioned: the languages this reader uses, kept across deploys. */
const META_CACHE = 'arc-meta';
const LOCALES_KEY = '/__arc/locales';
/** How many recently used languages are kept cached and re-cached on update. */
const MAX_LOCALES = 3;

async function rememberedLocales(): Promise<Locale[]> {
  const stored = await (await caches.open(META_CACHE)).match(LOCALES_KEY);
  if (!stored) return [];
  const value: unknown = await stored.json().catch(() => []);
  return Array.isArray(value) ? value.filter(isLocale) : [];
}

async function rememberLocale(locale: Locale): Promise<void> {
  const current = await rememberedLocales();
  if (current[0] === locale) return;
  const next = [locale, ...current.filter((l) => l !== locale)].slice(0, MAX_LOCALES);
  await (await caches.open(META_CACHE)).put(LOCALES_KEY, new Response(JSON.stringify(next)));
}

/** Stores a response if it is a plain 200 page; a network failure throws. */
async function fetchInto(cache: Cache, url: string): Promise<void> {
  // Public pages only, fetched without cookies: the cached copy is the same for everyone.
  const response = await fetch(url, { credentials: 'omit' });
  if (response.ok && !response.redirected && response.type === 'basic') await cache.put(url, response);
}

/** Caches a language's offline pages and script font, fetching only what is missing. */
async function cacheLocale(locale: Locale): Promise<void> {
  const pages = await caches.open(PAGES_CACHE);
  const work = offlinePagesFor(locale).map(async (url) => {
    if (!(await pages.match(url))) await fetchInto(pages, url);
  });
  // The locale's own cut of its script font (scripts/build-fonts.mjs), as its pages use it.
  if (scriptFonts[locale]) work.push(cacheFont(`/fonts/${locale}.css`));
  await Promise.all(work);
}

/** A script's stylesheet and the font files it names. */
async function cacheFont(stylesheet: string): Promise<void> {
  const fonts = await caches.open(FONTS_CACHE);
  let css = await fonts.match(stylesheet);
  if (!css) {
    await fetchInto(fonts, stylesheet);
    css = await fonts.match(stylesheet);
  }
  if (!css) return;
  const files = [...(await css.text()).matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!.replace(/["']/g, ''));
  await Promise.all(
    files.map(async (file) => {
      if (!(await fonts.match(file))) await fetchInto(fonts, file);
    }),
  );
}

/** The cached page for a navigation that failed, else the offline page in the best language. */
async function offlineResponse(url: URL): Promise<Response> {
  const pages = await caches.open(PAGES_CACHE);
  const requested = localeOfPath(url.pathname);
  const remembered = await rememberedLocales();
  // "/" offline: the home page of the language last read.
  if (url.pathname === '/') {
    for (const locale of [...remembered, defaultLocale]) {
      const home = await pages.match(`/${locale}`);
      if (home) return home;
    }
  }
  const candidates = [...(requested ? [requested] : []), ...remembered, defaultLocale];
  for (const locale of candidates) {
    const offline = await pages.match(`/${locale}${offlinePagePath}`);
    if (offline) return offline;
  }
  return Response.error();
}

/** Cache key of a page: its path, without query or trailing slash ("/vi?c=X" → "/vi"). */
function pageKey(href: string): string {
  const { origin, pathname } = new URL(href);
  return origin + (pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname);
}

const pageStrategy = new NetworkFirst({
  cacheName: PAGES_CACHE,
  // On a very slow network, a cached page after 6 s beats waiting; with no
  // cached copy the network is awaited as long as it takes.
  networkTimeoutSeconds: 6,
  plugins: [
    {
      cacheKeyWillBeUsed: async ({ request }) => pageKey(request.url),
      // Refresh a cached page when it is read online, but store only the
      // public pages listed for offline reading, never a person's own pages.
      cacheWillUpdate: async ({ request, response }) =>
        response.status === 200 && isOfflinePage(new URL(pageKey(request.url)).pathname) ? response : null,
    },
  ],
});

async function handleNavigation(options: RouteHandlerCallbackOptions): Promise<Response> {
  try {
    const response = await pageStrategy.handle(options);
    if (response) return response;
  } catch {
    // Neither the network nor the cache had it.
  }
  return offlineResponse(new URL(options.request.url));
}

/** A form posted offline (e.g. the eligibility checker without JavaScript) gets the offline page. */
async function handlePostNavigation({ request }: RouteHandlerCallbackOptions): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    return offlineResponse(new URL(request.url));
  }
}

const isNavigation = ({ request, sameOrigin }: { request: Request; sameOrigin: boolean }) =>
  sameOrigin && request.mode === 'navigate';

const serwist = new Serwist({
  precacheEntries,
  precacheOptions: { cleanupOutdatedCaches: true },
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: true,
  runtimeCaching: [
    { matcher: isNavigation, handler: handleNavigation },
    { matcher: isNavigation, method: 'POST', handler: handlePostNavigation },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/fonts/'),
      handler: new CacheFirst({ cacheName: FONTS_CACHE }),
    },
  ],
});

self.addEventListener('install', (event) => {
  // Cache the language of the page that registered this worker (and, on an
  // update, the languages the reader used before), so the new version has
  // the pages before the old caches are deleted. A network failure fails
  // the install; the browser tries again on a later visit.
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.map((client) => localeOfPath(new URL(client.url).pathname)).filter((l) => l !== undefined);
      for (const locale of open.reverse()) await rememberLocale(locale);
      const wanted = await rememberedLocales();
      await Promise.all(wanted.map(cacheLocale));
      // The last resort of offlineResponse: the offline page in English.
      const pages = await caches.open(PAGES_CACHE);
      const fallback = `/${defaultLocale}${offlinePagePath}`;
      if (!(await pages.match(fallback))) await fetchInto(pages, fallback);
    })(),
  );
});

self.addEventListener('activate', (event) => {
  const current = new Set([PAGES_CACHE, FONTS_CACHE, META_CACHE]);
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('arc-') && !current.has(name)) await caches.delete(name);
      }
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (!data || typeof data !== 'object') return;
  const { type, locale } = data as { type?: unknown; locale?: unknown };
  if (type !== 'cache-locale' || !isLocale(locale)) return;
  event.waitUntil(
    rememberLocale(locale)
      .then(() => cacheLocale(locale))
      .catch(() => {
        // Offline or the server failed: the pages are cached on a later visit.
      }),
  );
});

serwist.addEventListeners();
