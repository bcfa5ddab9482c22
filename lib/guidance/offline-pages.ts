// The pages a reader can open offline, in one place: the service worker
// (app/sw.ts) caches these for the reader's language on the first visit and
// on install, and refreshes them whenever they are read online. Only public
// pages belong here: nothing that shows a person's own data is ever cached.
import { isLocale, type Locale } from '@/lib/i18n';
import { guideOfflinePaths } from './topics';

/**
 * Paths after the locale prefix ('' is the locale's home). The guide adds
 * its topics here; keep every entry a page that renders for every locale.
 */
// '/verify': the verifier page checks cards without internet (issue 5).
export const offlinePaths: readonly string[] = ['', '/offline', '/verify', ...guideOfflinePaths];

/** The offline page, served in the reader's language when a page is not cached. */
export const offlinePagePath = '/offline';

/** "/vi", "/vi/offline", … for one locale. */
export function offlinePagesFor(locale: Locale): string[] {
  return offlinePaths.map((path) => `/${locale}${path}`);
}

/** The locale a path starts with ("/vi/guide" → "vi"), or undefined. */
export function localeOfPath(pathname: string): Locale | undefined {
  const first = pathname.split('/')[1];
  return isLocale(first) ? first : undefined;
}

/** Whether a path (no query) is one of the pages kept for offline reading. */
export function isOfflinePage(pathname: string): boolean {
  const locale = localeOfPath(pathname);
  if (!locale) return false;
  const rest = pathname.slice(locale.length + 1).replace(/\/$/, '');
  return offlinePaths.includes(rest);
}
