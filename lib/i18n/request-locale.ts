// The language to answer a request in, when it does not come from the page's
// address: the one the request names, else the phone's remembered choice
// (NEXT_LOCALE), else its Accept-Language, else English.
import { defaultLocale, isLocale, locales, type Locale } from './locales';

/** Our locales an Accept-Language header asks for, best first ("km-KH,km;q=0.9,en;q=0.5" → km, en). */
export function acceptedLocales(header: string | null | undefined): Locale[] {
  if (!header) return [];
  const wanted = header
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([0-9.]+)\s*$/.exec(r)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const found: Locale[] = [];
  for (const { tag } of wanted) {
    const base = tag.split('-')[0];
    const match = locales.find((l) => l.toLowerCase() === tag) ?? locales.find((l) => l.toLowerCase().split('-')[0] === base);
    if (match && !found.includes(match)) found.push(match);
  }
  return found;
}

/** The best of our locales for an Accept-Language header ("ne-NP,ne;q=0.9,en;q=0.5" → "ne"). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  return acceptedLocales(header)[0];
}

export function pickLocale(named: unknown, cookie: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(named)) return named;
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? defaultLocale;
}
