// The @font-face rules and the file to preload for a locale's script font,
// as scripts/build-fonts.mjs cut them at build time (public/fonts/faces.json).
// Read once per process; a page in a locale without a script font needs none.
import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '@/lib/i18n';

/**
 * `css`: the @font-face rules and `--script-font`. `preload`: the file to fetch at once, or null
 * where a stand-in draws the first paint (Urdu): then the font is asked for after that paint, when
 * LATE_FONT_SCRIPT marks <html data-script-font>, and `noscript` (inside <noscript>) asks for it at
 * once when scripts do not run.
 */
export type FontFace = { css: string; preload: string | null; noscript?: string };

/**
 * Marks <html data-script-font> once the page has painted: when the browser reports its first
 * contentful paint (a PerformanceObserver on 'paint', buffered, so a paint before this script ran
 * counts), then a task. A frame's paint is timed when the screen shows it, which can be a few
 * milliseconds after the frame was drawn: waiting for the next frame alone asked for the font
 * before that time on a busy machine. A browser that reports no paints gets the font after 3 s.
 * The rules of a late font (`preload: null`) switch `--script-font` to it then. The same text on
 * every page, so the Content-Security-Policy vouches for it by hash.
 */
export const LATE_FONT_SCRIPT =
  "document.addEventListener('DOMContentLoaded',function(){var m=function(){document.documentElement.setAttribute('data-script-font','')};setTimeout(m,3000);try{var o=new PerformanceObserver(function(l){if(l.getEntriesByName('first-contentful-paint').length){o.disconnect();setTimeout(m)}});o.observe({type:'paint',buffered:true})}catch(e){}})";

let faces: Partial<Record<Locale, FontFace>> | null = null;

export function fontFaceFor(locale: Locale): FontFace | null {
  if (!faces) {
    try {
      faces = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'public', 'fonts', 'faces.json'), 'utf8')) as Partial<Record<Locale, FontFace>>;
    } catch {
      // No fonts built (npm run build makes them): the system's fonts serve.
      faces = {};
    }
  }
  return faces[locale] ?? null;
}
