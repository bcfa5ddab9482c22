// Words in Latin letters that may stay in a translation, each with the reason
// it stays (after login.gov's i18n allow-list). Everything else a non-English
// locale shows is written in its own language and script; the translation
// tests (messages.test.ts) fail on any Latin word in a non-Latin-script locale
// and on any string left identical to English, unless it is covered here.
//
// Add an entry only for what residents really see in Latin letters in their
// own language (on the card, on their phone, on signs in Korea); say why.
import type { Locale } from './locales';

export type AllowedTerm = {
  /** The term exactly as written in the messages (case-sensitive). */
  term: string;
  /** Why it stays in Latin letters. */
  reason: string;
  /** Only these locales may keep it; all locales when absent. */
  locales?: readonly Locale[];
  /** A pattern matching the term's forms instead of the literal term (e.g. visa codes). */
  pattern?: RegExp;
};

export const englishAllowList: readonly AllowedTerm[] = [
  { term: 'ARC Mobile', reason: "the product's name; it is never translated" },
  {
    term: 'QR',
    reason: 'what the code is called everywhere, in Korea too (QR 코드); residents scan it at banks and shops',
  },
  {
    term: 'IC',
    reason: 'the chip card is named "IC card" by the immigration service and on the card itself, in every language',
  },
  {
    term: 'WebAuthn',
    reason: "the web standard's name, shown only where security is explained; it has no translation",
  },
  {
    term: 'PIN',
    reason: "the phone's own screen-lock settings call it PIN, in Latin letters, in every one of our languages",
  },
  {
    term: 'SMS',
    reason:
      "these languages' phone menus and operators' messages say SMS in Latin letters; the others have a common word of their own (문자, 短信, رسالة نصية …) and must use it",
    locales: ['ja', 'ru', 'kk', 'mn', 'th', 'km', 'lo', 'my'],
  },
  {
    term: 'HiKorea',
    reason: "the immigration service's official website; its name is written in Latin letters on every page and sign",
  },
  {
    term: 'Android',
    reason: "the phone's system name, as the phone itself shows it",
  },
  { term: 'iPhone', reason: "the phone's name, as the phone itself shows it" },
  {
    term: 'NFC',
    reason:
      "the phone setting that lets it read the chip card is labelled NFC, in Latin letters, on Android and iPhone menus in every language",
  },
  {
    term: 'ARC',
    reason:
      'the short name residents use for the foreigner registration card in every community (Alien Registration Card); it is printed on forms and bank papers',
  },
  {
    term: 'www.hikorea.go.kr',
    pattern: /(?:https?:\/\/)?www\.hikorea\.go\.kr\S*/g,
    reason: "the immigration service's web address; an address is typed as it is, it cannot be translated",
  },
  {
    term: 'cm',
    pattern: /(?<=[\d\s.,×x])cm\b/g,
    reason: 'the centimetre sign after a number (photo size 3.5 × 4.5 cm) is written in Latin letters in every language here',
  },
  {
    term: 'CSV',
    reason:
      'the file type staff download the dashboard tables as; spreadsheet programs name it CSV, in Latin letters, in their menus in every language here',
  },
  {
    term: 'A4',
    reason: 'the paper size is written A4, in Latin letters, on paper packs and in every print dialogue, in every language here',
  },
  {
    term: 'E-9',
    pattern: /\b[A-H]-\d{1,2}(?:-\d{1,2})?\b/g,
    reason:
      'residence status codes (D-2, E-9, F-5, H-2 …) are printed in Latin letters on the card and used as they are in every community',
  },
];

/**
 * Keys whose value may equal the English one in the listed locales (a whole
 * string, e.g. a word a language borrowed from English unchanged), with why.
 * Strings made only of allow-listed terms, placeholders, digits and signs are
 * accepted without an entry here.
 */
export const sameAsEnglishKeys: readonly { key: string; reason: string; locales?: readonly Locale[] }[] = [];

/** The allow-listed terms that apply to a locale. */
export function allowedTermsFor(locale: Locale): readonly AllowedTerm[] {
  return englishAllowList.filter((entry) => !entry.locales || entry.locales.includes(locale));
}

/** The text with every allow-listed term of the locale blanked out. */
export function withoutAllowedTerms(text: string, locale: Locale): string {
  let rest = text;
  // Longest first, so "ARC Mobile" goes before a shorter term inside it could.
  const terms = [...allowedTermsFor(locale)].sort((a, b) => b.term.length - a.term.length);
  for (const entry of terms) {
    // A term counts only as a whole word: "IC" in "IC 카드", not in "PUBLIC".
    const pattern =
      entry.pattern ?? new RegExp(`(?<![\\p{Script=Latin}])${escapeRegExp(entry.term)}(?![\\p{Script=Latin}])`, 'gu');
    rest = rest.replace(pattern, ' ');
  }
  return rest;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
