// What a resident types, read back: the digits of the scripts a resident's
// keyboard may type (Nepali, Arabic, Urdu, Bengali, Myanmar, Khmer…) as the
// ASCII digits that identifiers, codes and dates are stored in. Display is
// the other way round (format.ts); this is for reading input only.

/** The zero of each script's digits a resident's keyboard may type (Unicode Nd), besides ASCII. */
const DIGIT_ZEROS = [
  0x0660, // Arabic-Indic (ar)
  0x06f0, // Extended Arabic-Indic (ur, fa)
  0x0966, // Devanagari (ne, hi)
  0x09e6, // Bengali (bn)
  0x0de6, // Sinhala lith (si)
  0x0e50, // Thai (th)
  0x0ed0, // Lao (lo)
  0x1040, // Myanmar (my)
  0x17e0, // Khmer (km)
  0x1810, // Mongolian (mn, traditional script)
  0xff10, // Fullwidth (ja, zh keyboards)
];

/**
 * The text with any of those digits made ASCII (and, through NFKC, full-width
 * letters and dashes made plain); direction marks dropped; the Unicode dashes
 * and minus signs made ASCII '-'. Everything else is left as it was.
 */
export function asciiDigits(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) {
    const cp = ch.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9);
    out += zero === undefined ? ch : String(cp - zero);
  }
  return out.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/[\u2010-\u2015\u2212\ufe63]/g, '-');
}

/**
 * A six-digit one-time code's form as an HTML `pattern` (v flag): six digits in
 * any script, full-width too, with spaces or dashes anywhere — what typedCode reads.
 */
/**
 * What asciiDigits reads as a dash or drops as a direction mark, as the inside
 * of a pattern's character class (v flag): forms that take typed identifiers
 * build their HTML `pattern` from it (lib/loss), so browser and server agree.
 */
export const TYPED_SEPARATORS = '\\s\\-\\u2010-\\u2015\\u2212\\uFE63\\uFF0D\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';

export const SIX_DIGIT_CODE_PATTERN = `[${TYPED_SEPARATORS}]*(?:\\p{Nd}[${TYPED_SEPARATORS}]*){6}`;

/** A one-time code as typed ("१२३ ४५६", "123-456") → its ASCII digits with spaces and dashes gone. */
export function typedCode(text: string): string {
  return asciiDigits(text).replace(/[\s-]/g, '');
}
