// What a printed poster needs beyond its words: the QR code of the short
// link (SVG, error correction Q so a creased or partly covered print still
// scans) and the script font of the poster's language. The browser shapes
// Khmer, Myanmar and Arabic from these fonts; the poster is printed from the
// browser (print CSS), never by a server-side PDF library that would not.
import QRCode from 'qrcode';
import { directionOf, scriptFonts, type Locale } from '@/lib/i18n';

/**
 * The family each script stylesheet in /fonts declares (scripts/build-fonts.mjs
 * writes /fonts/<script>.css from these @fontsource families).
 */
const SCRIPT_FAMILIES: Record<string, string> = {
  thai: 'Noto Sans Thai',
  lao: 'Noto Sans Lao',
  khmer: 'Noto Sans Khmer',
  myanmar: 'Noto Sans Myanmar',
  sinhala: 'Noto Sans Sinhala',
  bengali: 'Noto Sans Bengali',
  devanagari: 'Noto Sans Devanagari',
  arabic: 'Noto Sans Arabic',
  urdu: 'Noto Nastaliq Urdu',
};

export type PosterFont = {
  /** The stylesheet to link for the poster's script, if the phone's own fonts are not enough. */
  stylesheet: string | null;
  /** The font-family list for the poster, its script's font first. */
  family: string;
  /** The poster's writing direction. */
  dir: 'ltr' | 'rtl';
};

const SYSTEM_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Noto Sans CJK KR', sans-serif";

/** The font of a locale's script, for a poster (or page chrome) in that language. */
export function posterFont(locale: Locale): PosterFont {
  const script = scriptFonts[locale];
  const family = script ? SCRIPT_FAMILIES[script] : undefined;
  return {
    stylesheet: script ? `/fonts/${script}.css` : null,
    family: family ? `'${family}', ${SYSTEM_STACK}` : SYSTEM_STACK,
    dir: directionOf(locale),
  };
}

/** The CSS custom property value a page's own script font needs (see app/globals.css --script-font). */
export function scriptFontVariable(locale: Locale): string | null {
  const script = scriptFonts[locale];
  const family = script ? SCRIPT_FAMILIES[script] : undefined;
  return family ? `'${family}'` : null;
}

/** The QR code of a link as SVG: error correction Q, a four-module quiet zone, black on white. */
export function posterQrSvg(link: string): Promise<string> {
  return QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'Q', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
}
