// The one rule for "did this state-changing request come from our own
// pages?", for the route wrapper (app/_lib/route.ts) and for proxy.ts (a
// page's server actions, which Next would otherwise refuse with a bare 500
// before the app's own check runs). A browser's cross-site post carries
// Origin and Sec-Fetch-Site; either one alone is enough to refuse.

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSameOrigin(headers: Headers, requestOrigin: string, allowed: readonly string[]): boolean {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.get('origin');
  if (origin === null) return true; // not a browser's cross-site request (browsers send Origin on every POST)
  if (origin === requestOrigin) return true;
  return allowed.includes(origin);
}
