// The security headers every answer carries (next.config.ts sets them on the
// app's pages and routes; lib/presentation's verify fast path, which answers
// before Next.js, sends the same).
//
// Permissions-Policy: the camera and the microphone for this origin only (no
// frame of another site may use them). Not per page: a policy belongs to the
// document that was loaded, and the app moves between pages without loading
// a new one (the verifier from the home page, the call from the booking
// page), so a per-page policy took the camera away from the call itself.
// Narrowing it to the scanning and calling pages needs those links to load
// a new document first.

/** Permissions-Policy: camera and microphone for this origin only when asked for; geolocation, payment, USB never. */
export function permissionsPolicy(media: { camera?: boolean; microphone?: boolean } = {}): string {
  return [
    `camera=${media.camera ? '(self)' : '()'}`,
    `microphone=${media.microphone ? '(self)' : '()'}`,
    'geolocation=()',
    'payment=()',
    'usb=()',
  ].join(', ');
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': permissionsPolicy({ camera: true, microphone: true }),
};

// ---- Content-Security-Policy
//
// Two kinds of page, one policy each, both with no inline script or style
// the page has not vouched for:
//
// - Pages rendered per request (anything with a session, a form's answer or a
//   person's data): a fresh nonce per page. proxy.ts makes one, puts the
//   policy on the request (Next reads the nonce from it and stamps it on its
//   own scripts and styles) and on the answer. script-src: the nonce and
//   'strict-dynamic' (a script the page vouched for may load the chunks it
//   needs; no host list, no 'unsafe-inline').
// - Pages prerendered at build time (the guide, the home page, the checker,
//   the privacy and transparency pages): the same HTML for everyone, static
//   and cacheable, so no nonce. proxy.ts hashes the inline scripts and styles
//   of the prerendered file once (app/_lib/static-pages.ts) and the policy
//   lists those hashes; the bundle's files come from 'self'.
//
// Both vouch for the script font's @font-face rules (the layout writes them
// inline) by their hash. style-src-attr 'unsafe-inline': React writes a
// `style` prop as an attribute in server-rendered HTML (a handful of layout
// props, e.g. display: contents, and the charts' boxes); a blocked attribute
// is not restored at hydration, so the page would lay out differently. A
// style attribute cannot run script or load anything the other directives do
// not allow, so this opens no way to run code.

/** The request header proxy.ts passes the nonce to pages in (app/_lib/nonce.ts). */
export const NONCE_HEADER = 'x-nonce';

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function serialise(directives: ReadonlyArray<readonly [string, ...string[]]>): string {
  return directives.map((d) => d.join(' ')).join('; ');
}

const HASH = /^sha256-[A-Za-z0-9+/]{43}=$/;

function hashSources(hashes: readonly string[] = []): string[] {
  for (const h of hashes) if (!HASH.test(h)) throw new Error('pagePolicy: not a sha256 source');
  return [...new Set(hashes)].map((h) => `'${h}'`);
}

function policyOf(script: string[], style: string[]): string {
  return serialise([
    ['default-src', "'self'"],
    ['script-src', ...(script as [string, ...string[]])],
    ['style-src', "'self'", ...style],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['media-src', "'self'", 'blob:'],
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
    ['frame-src', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ]);
}

/**
 * The policy of a page rendered per request, with this request's nonce.
 * `styleHashes`: inline styles it vouches for by hash (the script font's
 * rules); `scriptHashes`: inline scripts the layout writes the same on every
 * page (the script font's late switch, app/[locale]/_lib/font-faces.ts).
 * `dev` (next dev only): eval for React's error overlays, inline styles for
 * hot reloading.
 */
export function pagePolicy(nonce: string, options: { dev?: boolean; styleHashes?: readonly string[]; scriptHashes?: readonly string[] } = {}): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('pagePolicy: not a nonce');
  const n = `'nonce-${nonce}'`;
  return policyOf(
    [n, ...hashSources(options.scriptHashes), "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    // next dev injects its styles as <style> elements without the nonce (Next's CSP guide does the same).
    options.dev ? ["'unsafe-inline'"] : [n, ...hashSources(options.styleHashes)],
  );
}

/** The policy of a prerendered page: its own inline scripts and styles by hash, the bundle from 'self'. */
export function staticPagePolicy(hashes: { scripts: readonly string[]; styles: readonly string[] }): string {
  return policyOf(["'self'", ...hashSources(hashes.scripts)], hashSources(hashes.styles));
}

/** The policy of an answer that is not a page (JSON, files, the verify fast path): it may load and run nothing. */
export const API_POLICY = serialise([
  ['default-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
]);

/** The service worker's own policy (its script's answer): it fetches and caches this origin's pages only. */
export const WORKER_POLICY = serialise([
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
]);
