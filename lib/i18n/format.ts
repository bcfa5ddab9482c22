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

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** The Intl.DateTimeFormat methods the app uses. */
export type DateTimeFormat = Pick<Intl.DateTimeFormat, 'format' | 'formatToParts' | 'formatRange' | 'formatRangeToParts' | 'resolvedOptions'>;

/**
 * Day periods the server's CLDR writes wrong. CLDR 48.0 (Node 20's ICU 78.2)
 * writes Korean's short day periods as "AM"/"PM", where every Korean phone,
 * sign and form writes 오전/오후; CLDR 48.2 puts them back (formatjs#6927).
 * An officer's "valid until" and a slot's hours read "AM 9:04" otherwise.
 */
const DAY_PERIOD_FIXES: Partial<Record<Locale, Readonly<Record<string, string>>>> = { ko: { AM: '오전', PM: '오후' } };

function withDayPeriods(format: Intl.DateTimeFormat, fixes: Readonly<Record<string, string>>): DateTimeFormat {
  const fix = <P extends Intl.DateTimeFormatPart>(parts: P[]): P[] =>
    parts.map((p) => (p.type === 'dayPeriod' && fixes[p.value] ? { ...p, value: fixes[p.value]! } : p));
  const join = (parts: { value: string }[]) => parts.map((p) => p.value).join('');
  return {
    format: (date) => join(fix(format.formatToParts(date))),
    formatToParts: (date) => fix(format.formatToParts(date)),
    formatRange: (start, end) => join(fix(format.formatRangeToParts(start, end))),
    formatRangeToParts: (start, end) => fix(format.formatRangeToParts(start, end)),
    resolvedOptions: () => format.resolvedOptions(),
  };
}

const dateFormats = new Map<string, DateTimeFormat>();

/** A date and time format in Korea's time zone and the Gregorian calendar, as every date here (cached). */
export function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions): DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    const intl = new Intl.DateTimeFormat(locale, { calendar: 'gregory', timeZone: KOREA_TIME_ZONE, ...options });
    const fixes = DAY_PERIOD_FIXES[locale];
    format = fixes ? withDayPeriods(intl, fixes) : intl;
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
  return dateTimeFormat(locale, { dateStyle: style }).format(toDate(value));
}

/** A day and time in Korea, e.g. an appointment: "March 4, 2025 at 2:30 PM". */
export function formatDateTime(locale: Locale, value: Date | string | number, style: DateStyle = 'long'): string {
  return dateTimeFormat(locale, { dateStyle: style, timeStyle: 'short' }).format(toDate(value));
}

/** A time of day in Korea: "2:30 PM" (en), "오후 2:30" (ko), "14:30" (ru). */
export function formatTime(locale: Locale, value: Date | string | number): string {
  return dateTimeFormat(locale, { timeStyle: 'short' }).format(toDate(value));
}

/**
 * Each locale's default numbering system, as CLDR (and Node's full ICU) has
 * it: the digits its numbers, dates and times are written in. Browsers with a
 * reduced ICU (Debian's Chromium has no ne, my, km, si, lo, mn) fall back to
 * Latin digits for those locales, so code that runs in the browser writes its
 * figures with this table (localDigits, formatWithShape) and no Intl, and a
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
 * Text that reads left to right whatever the page — an identifier, a phone
 * number, "<10" — isolated (LRI…PDI) on a right-to-left page, where its
 * order would turn round ("<10" showed as "10>"); unchanged elsewhere.
 */
export function leftToRight(locale: Locale, text: string): string {
  return directionOf(locale) === 'rtl' ? `${LRI}${text}${PDI}` : text;
}

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
  return leftToRight(locale, text);
}

/** The tel: link for a Korean number: "tel:+821012345678", "tel:1345"; null if it is not one. */
export function koreanPhoneHref(phone: string): string | null {
  const digits = koreanPhoneDigits(phone);
  if (!digits || !groupKorean(digits)) return null;
  return digits.startsWith('0') ? `tel:+82${digits.slice(1)}` : `tel:${digits}`;
}

/**
 * A locale's date or time format, as data: the order of its parts, the words
 * it uses (month names, "AM"/"PM", an era) and the width of each number,
 * taken from the server's full ICU. Code in a browser writes dates and times
 * with it exactly as the server does, with no Intl at all: a browser may lack
 * the locale's data (Debian's Chromium has no ne, my, km, si, lo, mn and would
 * answer in English), and a browser's first use of Intl costs 20-50 ms while
 * its ICU data loads (80-200 ms on a slow phone), paid just as a card or the
 * verifier's answer appears.
 */
export type DateShape = {
  parts: Array<
    | { type: 'year' | 'day' | 'minute' | 'second'; width: number }
    | { type: 'month' | 'hour' | 'dayPeriod' }
    | { type: 'literal'; value: string }
  >;
  /** The month part for January … December, as this format writes it ("Apr", "अप्रिल", "04"). */
  months: string[];
  /** The hour part and the day-period part for each hour of the day, 0-23 ("2" and "PM" at 14:00 in en). */
  hours?: string[];
  dayPeriods?: string[];
  /** The code point of the locale's digit zero (0x966 for Devanagari). */
  zero: number;
};

/** Every option a DateShape can stand for: the date and time styles and the numeric parts (Korea's time zone, Gregorian). */
export type ShapeOptions = Pick<Intl.DateTimeFormatOptions, 'dateStyle' | 'timeStyle' | 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>;

const SHAPED = new Set(['year', 'month', 'day', 'hour', 'minute', 'second', 'dayPeriod']);

/** The shape of the server's format for `options` in `locale` (Korea's time zone, as every date here). */
export function dateTimeShapeOf(locale: Locale, options: ShapeOptions): DateShape {
  const format = dateTimeFormat(locale, options);
  // 3 January 2001, 14:05:06 in Seoul: an afternoon hour, and day, minute and second below 10, so each number's width shows.
  const seoul = (m: number, d: number, h: number) => new Date(Date.UTC(2001, m, d, h - 9, 5, 6));
  const sample = format.formatToParts(seoul(0, 3, 14));
  const parts: DateShape['parts'] = sample.map((p) => {
    if (p.type === 'month' || p.type === 'hour' || p.type === 'dayPeriod') return { type: p.type };
    if (p.type === 'year' || p.type === 'day' || p.type === 'minute' || p.type === 'second') return { type: p.type, width: p.value.length };
    // Literals, and parts that do not change within the years we show (the era: "ค.ศ.").
    return { type: 'literal' as const, value: p.value };
  });
  const partOf = (date: Date, type: string) => format.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  const shape: DateShape = {
    parts,
    months: Array.from({ length: 12 }, (_, m) => partOf(seoul(m, 15, 14), 'month')),
    zero: ZEROS[numberingSystemOf(locale)] ?? 0x30,
  };
  if (sample.some((p) => p.type === 'hour')) shape.hours = Array.from({ length: 24 }, (_, h) => partOf(seoul(0, 23, h), 'hour'));
  if (sample.some((p) => p.type === 'dayPeriod')) shape.dayPeriods = Array.from({ length: 24 }, (_, h) => partOf(seoul(0, 23, h), 'dayPeriod'));
  for (const p of sample) if (!SHAPED.has(p.type) && p.type !== 'literal' && p.type !== 'era') throw new Error(`a ${p.type} part cannot be shaped (${locale})`);
  return shape;
}

/** A locale's long date ("12 April 1996" as the locale writes it): dateTimeShapeOf with dateStyle long. */
export function dateShapeOf(locale: Locale): DateShape {
  return dateTimeShapeOf(locale, { dateStyle: 'long' });
}

const KOREA_OFFSET_MS = 9 * 3600_000;

/** A non-negative whole number in the digits whose zero is `zero`, at least `width` digits, with no grouping ("०५"). */
function digitsFrom(zero: number, value: number, width = 1): string {
  const latin = String(Math.trunc(Math.abs(value))).padStart(width, '0');
  return zero === 0x30 ? latin : latin.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
}

/**
 * A date and time in Korea written with a DateShape, in the locale's digits, without Intl.
 * Korea's time has been UTC+9 with no summer time since October 1988: exact for every moment the app
 * shows (when a code was shown or saved, when a request ends) and for any day written at midday (birth dates).
 */
export function formatWithShape(shape: DateShape, value: Date | string | number): string {
  const seoul = new Date(toDate(value).getTime() + KOREA_OFFSET_MS);
  const n = { year: seoul.getUTCFullYear(), day: seoul.getUTCDate(), minute: seoul.getUTCMinutes(), second: seoul.getUTCSeconds() };
  const hour = seoul.getUTCHours();
  return shape.parts
    .map((p) => {
      switch (p.type) {
        case 'literal':
          return p.value;
        case 'month':
          return shape.months[seoul.getUTCMonth()] ?? '';
        case 'hour':
          return shape.hours?.[hour] ?? digitsFrom(shape.zero, hour);
        case 'dayPeriod':
          return shape.dayPeriods?.[hour] ?? '';
        default:
          // A two-digit year ("01") is the year within its century.
          return digitsFrom(shape.zero, p.type === 'year' && p.width === 2 ? n.year % 100 : n[p.type], p.width);
      }
    })
    .join('');
}

/** A day in Korea written with a DateShape (formatWithShape; kept for the verifier's birth dates). */
export function formatDayWithShape(shape: DateShape, value: Date | string | number): string {
  return formatWithShape(shape, value);
}

/**
 * A whole number for a clock or a countdown in the locale's digits, with no grouping and no Intl:
 * localDigits("ne", 5, 2) → "०५". For figures a page changes every second in the browser.
 */
export function localDigits(locale: string, value: number, width = 1): string {
  return digitsFrom(ZEROS[numberingSystemOf(locale)] ?? 0x30, value, width);
}

/** Time left as minutes:seconds in the locale's digits ("2:59", "२:५९"), for the countdowns a page ticks every second. */
export function formatCountdown(locale: string, ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${localDigits(locale, Math.floor(s / 60))}:${localDigits(locale, s % 60, 2)}`;
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

/** A part of a date as a person types it in three boxes. */
export type DatePart = 'day' | 'month' | 'year';

/** The order people of this language write a date in (day, month, year), from Intl; English as in most of the world. */
export function datePartOrder(locale: Locale): DatePart[] {
  try {
    const parts = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'numeric', year: 'numeric' })
      .formatToParts(new Date(Date.UTC(2000, 10, 22, 3)))
      .map((p) => p.type)
      .filter((t): t is DatePart => t === 'day' || t === 'month' || t === 'year');
    if (parts.length === 3 && new Set(parts).size === 3) return parts;
  } catch {
    // A locale the runtime lacks: day, month, year.
  }
  return ['day', 'month', 'year'];
}
