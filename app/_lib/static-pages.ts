// The Content-Security-Policy of a page `next build` prerendered (the guide,
// the home page, the checker…): the same HTML for every reader, so no nonce;
// instead the hashes of the file's own inline scripts and styles
// (lib/security/headers.ts staticPagePolicy). Read from the build's file the
// first time a path is asked for, then kept for the process's life (the
// files do not change while it runs). A path that is not a prerendered page
// gets null: the proxy gives it a nonce.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { scriptFonts, type Locale } from '@/lib/i18n';
import { staticPagePolicy } from '@/lib/security';
import { LATE_FONT_SCRIPT, fontFaceFor } from '@/app/[locale]/_lib/font-faces';

export type InlineHashes = { scripts: string[]; styles: string[] };

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

/** The sha256 sources of an HTML document's inline scripts (those without src) and <style> elements. */
export function inlineHashes(html: string): InlineHashes {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1]!) || m[2] === '') continue;
    scripts.push(sha256(m[2]!));
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) styles.push(sha256(m[1]!));
  return { scripts: [...new Set(scripts)], styles: [...new Set(styles)] };
}

const fontHashes = new Map<Locale, InlineHashes>();

/**
 * The hashes of what the layout writes inline for the locale's script font, for pages rendered per
 * request: its rules (and the <noscript> rule of a late font) as styles, the late switch as a script.
 * None without a script font.
 */
export function fontInlineHashes(locale: Locale): InlineHashes {
  let hashes = fontHashes.get(locale);
  if (!hashes) {
    const face = scriptFonts[locale] ? fontFaceFor(locale) : null;
    hashes = { scripts: [], styles: [] };
    if (face) {
      hashes.styles.push(sha256(face.css));
      if (face.noscript) hashes.styles.push(sha256(face.noscript));
      if (!face.preload) hashes.scripts.push(sha256(LATE_FONT_SCRIPT));
    }
    fontHashes.set(locale, hashes);
  }
  return hashes;
}

const known = new Map<string, string | null>();
const KNOWN_MAX = 5_000;

function appDir(): string {
  return path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'server', 'app');
}

/** The policy for `pathname` if the build prerendered it, else null. */
export function staticPolicyFor(pathname: string): string | null {
  // Only plain page paths: letters, digits, - and _ between slashes (no dots, no traversal).
  if (!/^(\/[A-Za-z0-9_-]+)+$/.test(pathname)) return null;
  const cached = known.get(pathname);
  if (cached !== undefined) return cached;
  let policy: string | null = null;
  try {
    policy = staticPagePolicy(inlineHashes(fs.readFileSync(path.join(appDir(), `${pathname}.html`), 'utf8')));
  } catch {
    policy = null; // not prerendered (rendered per request), or no build (next dev)
  }
  if (known.size < KNOWN_MAX) known.set(pathname, policy);
  return policy;
}
