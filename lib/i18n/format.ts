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
 * A date format for code that runs in the browser. A browser's Intl may lack
 * a locale's data (Chromium builds ship a reduced ICU: no my, km, si, lo, ne,
 * mn …) and then silently answers in its own language, English words on a
 * Burmese page. For those the date is written with numbers only
 * ("2025-03-04, 14:30"), which every reader can read.
 */
export function browserDateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0) return new Intl.DateTimeFormat(locale, options);
  const { dateStyle, timeStyle, ...rest } = options;
  const numeric: Intl.DateTimeFormatOptions = { ...rest };
  if (dateStyle || !timeStyle) Object.assign(numeric, { year: 'numeric', month: '2-digit', day: '2-digit' });
  if (timeStyle) Object.assign(numeric, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return new Intl.DateTimeFormat('en-CA', numeric);
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
