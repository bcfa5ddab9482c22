// Numbers, dates, won amounts and Korean phone numbers, written the way each
// locale writes them (Intl), for pages and messages to use alike.
//
// Decisions, and why:
// - Digits follow the locale as Intl gives them: Devanagari for ne, Bengali for
//   bn, Myanmar for my; Latin digits for ar and ur (what current ICU gives for
//   plain "ar", and what Korean signs and forms show).
// - Dates are Gregorian in Korea's time zone for everyone: they must match the
//   dates printed on the card and on Korean papers (no Buddhist-era year for th).
// - Money is Korean won. Korean reads "35,000원"; every other locale gets Intl's
//   currency format with the ₩ sign, which residents see on prices in Korea.
// - Phone numbers keep Latin digits in every locale: they are dialled on a
//   keypad and printed that way on every sign and card in Korea. In right-to-left
//   locales they are isolated (LRI…PDI) so "+82 10-…" keeps its order.
import { directionOf, type Locale } from './locales';

export const KOREA_TIME_ZONE = 'Asia/Seoul';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { calendar: 'gregory', timeZone: KOREA_TIME_ZONE, ...options });
    dateFormats.set(key, format);
  }
  return format;
}

/** 1234567.5 → "1,234,567.5" (en), "1.234.567,5" (vi), "१२,३४,५६७.५" (ne). */
export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(value);
}

/** An amount in Korean won: "₩35,000" (en), "35,000원" (ko), "35 000 ₩" (ru). */
export function formatWon(locale: Locale, amount: number): string {
  if (locale === 'ko') return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(amount)}원`;
  return numberFormat(locale, { style: 'currency', currency: 'KRW', currencyDisplay: 'narrowSymbol' }).format(amount);
}

export type DateStyle = 'long' | 'medium' | 'short';

function toDate(value: Date | string | number): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return date;
}

/** A day in Korea: "March 4, 2025" (en), "2025년 3월 4일" (ko), "4 มีนาคม ค.ศ. 2025" (th). */
export function formatDate(locale: Locale, value: Date | string | number, style: DateStyle = 'long'): string {
  return dateFormat(locale, { dateStyle: style }).format(toDate(value));
}

/** A day and time in Korea, e.g. an appointment: "March 4, 2025 at 2:30 PM". */
export function formatDateTime(locale: Locale, value: Date | string | number, style: DateStyle = 'long'): string {
  return dateFormat(locale, { dateStyle: style, timeStyle: 'short' }).format(toDate(value));
}

/** A time of day in Korea: "2:30 PM" (en), "오후 2:30" (ko), "14:30" (ru). */
export function formatTime(locale: Locale, value: Date | string | number): string {
  return dateFormat(locale, { timeStyle: 'short' }).format(toDate(value));
}

/**
 * Each locale's default numbering system, as CLDR (and Node's full ICU) has
 * it: the digits its numbers, dates and times are written in. Browsers with a
 * reduced ICU (Debian's Chromium has no ne, my, km, si, lo, mn) fall back to
 * Latin digits for those locales, so code that runs in the browser names the
 * system explicitly (numberingSystem works without the locale's data), and a
 * page's server-rendered and browser-rendered numbers agree. Urdu and Arabic
 * are "latn" in current CLDR: Latin digits throughout on those pages.
 * A test checks this table against Node's Intl.
 */
export const NUMBERING_SYSTEMS: Readonly<Record<Locale, string>> = {
  ko: 'latn', en: 'latn', 'zh-CN': 'latn', vi: 'latn', th: 'latn', uz: 'latn', ne: 'deva', km: 'latn', mn: 'latn', ru: 'latn',
  tl: 'latn', id: 'latn', my: 'mymr', ja: 'latn', lo: 'latn', si: 'latn', bn: 'beng', kk: 'latn', ur: 'latn', ar: 'latn',
};

/** The locale's default numbering system ("latn" for a locale we do not know). */
export function numberingSystemOf(locale: string): string {
  return (NUMBERING_SYSTEMS as Record<string, string>)[locale] ?? 'latn';
}

/** A count, a quantity or a number of minutes in the locale's digits: 5 → "5" (en), "५" (ne), "၅" (my). */
export function formatCount(locale: Locale, value: number): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A number format for code that runs in the browser: the locale's own digits even where the browser lacks its data. */
export function browserNumberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, { numberingSystem: numberingSystemOf(locale), ...options });
}

/** What a browser date format gives: its format() (the only part our pages use). */
export type BrowserDateTimeFormat = { format(value: Date | number): string };

/**
 * A date format for code that runs in the browser. A browser's Intl may lack
 * a locale's data (Chromium builds ship a reduced ICU: no my, km, si, lo, ne,
 * mn …) and then silently answers in its own language, English words on a
 * Burmese page. For those the date is written with numbers only, in the
 * locale's digits, year first and in full ("2025/3/4, 14:30", "२०२५/३/४"):
 * no reader can take the day for the month, and no ISO date is shown.
 */
export function browserDateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): BrowserDateTimeFormat {
  const numberingSystem = numberingSystemOf(locale);
  if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0) return new Intl.DateTimeFormat(locale, { calendar: 'gregory', numberingSystem, ...options });
  const { dateStyle, timeStyle, ...rest } = options;
  const styled = Boolean(dateStyle || timeStyle);
  const withTime = Boolean(timeStyle || (!styled && (rest.hour || rest.minute || rest.second)));
  const withDate = Boolean(dateStyle || (!styled && (rest.year || rest.month || rest.day)) || !withTime);
  const withSeconds = timeStyle === 'medium' || timeStyle === 'long' || timeStyle === 'full' || (!styled && Boolean(rest.second));
  const { timeZone, calendar } = rest;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    calendar,
    numberingSystem,
    ...(withDate ? { year: 'numeric', month: 'numeric', day: 'numeric' } : {}),
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    ...(withSeconds ? { second: '2-digit' } : {}),
  });
  return {
    format(value) {
      const part = Object.fromEntries(parts.formatToParts(value).map((p) => [p.type, p.value]));
      const date = withDate ? `${part.year}/${part.month}/${part.day}` : '';
      const time = withTime ? [part.hour, part.minute, part.second].filter(Boolean).join(':') : '';
      return [date, time].filter(Boolean).join(', ');
    },
  };
}

const ZEROS: Readonly<Record<string, number>> = {
  latn: 0x30, arab: 0x660, arabext: 0x6f0, deva: 0x966, beng: 0x9e6, sinh: 0xde6, thai: 0xe50, laoo: 0xed0, mymr: 0x1040, khmr: 0x17e0, mong: 0x1810,
};

/** The numbering systems whose digits appear in a text ("latn", "deva" …): more than one is a page mixing conventions. */
export function digitSystemsIn(text: string): string[] {
  const found = new Set<string>();
  for (const c of text) {
    const code = c.codePointAt(0)!;
    for (const [system, zero] of Object.entries(ZEROS)) if (code >= zero && code <= zero + 9) found.add(system);
  }
  return [...found].sort();
}

/** The digits of a Korean number in domestic form ("+82 10 1234 5678" → "01012345678"), or null. */
export function koreanPhoneDigits(phone: string): string | null {
  const trimmed = phone.trim();
  let digits = trimmed.replace(/[\s().\-‐‑–]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  if (digits.startsWith('+82')) digits = '0' + digits.slice(3).replace(/^0/, '');
  else if (digits.startsWith('0082')) digits = '0' + digits.slice(4).replace(/^0/, '');
  else if (digits.startsWith('+')) return null; // another country's number
  return digits;
}

/** Splits domestic digits into Korea's usual groups; null when the number is not one Korea uses. */
function groupKorean(digits: string): string[] | null {
  if (/^\d{3,4}$/.test(digits) && /^1/.test(digits)) return [digits]; // 1345, 112, 119
  if (/^1[568]\d{6}$/.test(digits)) return [digits.slice(0, 4), digits.slice(4)]; // 1577-1366
  if (/^02\d{7,8}$/.test(digits)) return [digits.slice(0, 2), digits.slice(2, -4), digits.slice(-4)]; // Seoul
  if (/^050\d{9}$/.test(digits)) return [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)]; // 0505-…
  if (/^0(?!2)[1-9]\d{8,9}$/.test(digits)) return [digits.slice(0, 3), digits.slice(3, -4), digits.slice(-4)]; // 010, 031, 070 …
  return null;
}

const LRI = '\u2066';
const PDI = '\u2069';

/**
 * A Korean phone number as people write it: "010-1234-5678", "02-2110-4000",
 * "1577-1366", "1345". With international, "+82 10-1234-5678" for calls from
 * abroad (service numbers such as 1345 cannot be dialled from abroad and stay
 * as they are). Anything that is not a Korean number comes back unchanged.
 */
export function formatKoreanPhone(locale: Locale, phone: string, options: { international?: boolean } = {}): string {
  const digits = koreanPhoneDigits(phone);
  const groups = digits ? groupKorean(digits) : null;
  let text = phone.trim();
  if (groups) {
    text =
      options.international && digits!.startsWith('0')
        ? `+82 ${[groups[0]!.slice(1), ...groups.slice(1)].join('-')}`
        : groups.join('-');
  }
  return directionOf(locale) === 'rtl' ? `${LRI}${text}${PDI}` : text;
}

/** The tel: link for a Korean number: "tel:+821012345678", "tel:1345"; null if it is not one. */
export function koreanPhoneHref(phone: string): string | null {
  const digits = koreanPhoneDigits(phone);
  if (!digits || !groupKorean(digits)) return null;
  return digits.startsWith('0') ? `tel:+82${digits.slice(1)}` : `tel:${digits}`;
}

/**
 * A locale's long date, as data: the order of its parts and its month names
 * (taken from the server's full ICU), so that code in a browser without the
 * locale's data still writes "२ डिसेम्बर २०२६"-style dates exactly as the
 * server does, instead of numbers or English month names.
 */
export type DateShape = { parts: Array<{ type: 'year' | 'month' | 'day' } | { type: 'literal'; value: string }>; months: string[] };

export function dateShapeOf(locale: Locale): DateShape {
  const format = dateFormat(locale, { dateStyle: 'long' });
  const shape = (p: Intl.DateTimeFormatPart) =>
    p.type === 'year' || p.type === 'month' || p.type === 'day' ? { type: p.type } : { type: 'literal' as const, value: p.value };
  // 23 January 2001, midday in Seoul: a day above 12, so no part can be taken for another.
  const parts = format.formatToParts(new Date(Date.UTC(2001, 0, 23, 3))).map(shape);
  const months = Array.from({ length: 12 }, (_, m) => format.formatToParts(new Date(Date.UTC(2001, m, 15, 3))).find((p) => p.type === 'month')?.value ?? String(m + 1));
  return { parts, months };
}

const seoulDayParts = new Map<string, Intl.DateTimeFormat>();

/** A day in Korea written with a DateShape, in the locale's digits (works in any browser). */
export function formatDayWithShape(shape: DateShape, locale: string, value: Date | string | number): string {
  let parts = seoulDayParts.get('x');
  if (!parts) seoulDayParts.set('x', (parts = new Intl.DateTimeFormat('en-US', { timeZone: KOREA_TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric', numberingSystem: 'latn' })));
  const date = toDate(value);
  const n = Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, Number(p.value)]));
  const digits = browserNumberFormat(locale, { useGrouping: false });
  return shape.parts
    .map((p) => (p.type === 'literal' ? p.value : p.type === 'month' ? (shape.months[n.month! - 1] ?? '') : digits.format(n[p.type]!)))
    .join('');
}

const regionNameCache = new Map<string, Record<string, string>>();

/**
 * Every country's name in the reader's language ({"VN": "भियतनाम", …}), from
 * the server's Intl.DisplayNames, for browser code: Debian's Chromium has no
 * Nepali or Khmer data and would say "Vietnam".
 */
export function regionNamesIn(locale: Locale): Record<string, string> {
  let names = regionNameCache.get(locale);
  if (names) return names;
  const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const local = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  names = {};
  const A = 'A'.charCodeAt(0);
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      // Only assigned countries (English knows a name); "ZZ", "QO" and the like are left out.
      if (code === 'ZZ' || /^(Q[M-Z]|X[A-Z]|AA|OO|ZZ)$/.test(code) || !english.of(code)) continue;
      const name = local.of(code);
      if (name && name !== code) names[code] = name;
    }
  }
  regionNameCache.set(locale, names);
  return names;
}
