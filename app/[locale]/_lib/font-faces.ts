// The @font-face rules and the file to preload for a locale's script font,
// as scripts/build-fonts.mjs cut them at build time (public/fonts/faces.json).
// Read once per process; a page in a locale without a script font needs none.
import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '@/lib/i18n';

export type FontFace = { css: string; preload: string };

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
