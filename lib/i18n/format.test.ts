import { describe, expect, it } from 'vitest';
import {
  dateShapeOf,
  dateTimeFormat,
  dateTimeShapeOf,
  formatDayWithShape,
  formatWithShape,
  localDigits,
  formatCountdown,
  digitSystemsIn,
  formatCount,
  formatDate,
  formatDateTime,
  formatKoreanPhone,
  formatNumber,
  formatTime,
  formatWon,
  koreanPhoneHref,
  NUMBERING_SYSTEMS,
  numberingSystemOf,
} from './format';
import { locales } from './locales';

// The zero of each script's digits that our locales may show (Arabic-Indic,
// Persian/Urdu, Devanagari, Bengali, Sinhala, Thai, Lao, Myanmar, Khmer, Mongolian).
const ZEROS = [0x660, 0x6f0, 0x966, 0x9e6, 0xde6, 0xe50, 0xed0, 0x1040, 0x17e0, 0x1810];

/** Any script's decimal digits as ASCII, and every kind of space as " ". */
function plain(text: string): string {
  return [...text]
    .map((c) => {
      const code = c.codePointAt(0)!;
      const zero = ZEROS.find((z) => code >= z && code <= z + 9);
      return zero === undefined ? c : String(code - zero);
    })
    .join('')
    .replace(/[\s\u00a0\u202f]/g, ' ');
}

describe('formatNumber', () => {
  it('groups and marks decimals the way each locale does', () => {
    expect(formatNumber('en', 1234567.5)).toBe('1,234,567.5');
    expect(formatNumber('vi', 1234567.5)).toBe('1.234.567,5');
    expect(plain(formatNumber('ru', 1234567.5))).toBe('1 234 567,5');
  });

  it("uses the locale's own digits where Intl does", () => {
    expect(formatNumber('ne', 35000)).toBe('३५,०००');
    expect(formatNumber('bn', 35000)).toBe('৩৫,০০০');
    expect(formatNumber('my', 35000)).toBe('၃၅,၀၀၀');
  });
});

describe('formatWon', () => {
  it('writes 35,000 won as each locale reads it', () => {
    expect(formatWon('ko', 35000)).toBe('35,000원');
    expect(formatWon('en', 35000)).toBe('₩35,000');
    expect(plain(formatWon('vi', 35000))).toBe('35.000 ₩');
    expect(plain(formatWon('ru', 35000))).toBe('35 000 ₩');
  });

  it('renders in every locale, right-to-left ones included, with the amount and the currency', () => {
    for (const locale of locales) {
      const text = formatWon(locale, 35000);
      expect(plain(text).replace(/\D/g, ''), `${locale}: ${text}`).toBe('35000');
      expect(text, locale).toMatch(/₩|원/);
    }
    // Arabic: whichever digits ICU chooses, the number reads 35,000 and the sign is there.
    const ar = formatWon('ar', 35000);
    expect(ar).toContain('₩');
    expect(plain(ar).replace(/[^\d]/g, '')).toBe('35000');
  });

  it('does not show fractions of a won', () => {
    expect(formatWon('en', 35000.4)).toBe('₩35,000');
    expect(formatWon('ko', 35000.4)).toBe('35,000원');
  });
});

describe('formatDate', () => {
  const morningInSeoul = new Date('2025-03-04T01:00:00Z'); // 10:00 in Seoul

  it('writes the day in each language', () => {
    expect(formatDate('en', morningInSeoul)).toBe('March 4, 2025');
    expect(formatDate('ko', morningInSeoul)).toBe('2025년 3월 4일');
    expect(formatDate('ja', morningInSeoul)).toBe('2025年3月4日');
    expect(formatDate('ru', morningInSeoul)).toMatch(/^4 марта 2025/);
  });

  it("uses Korea's time zone: 23:30 in London on 4 March is already 5 March in Seoul", () => {
    expect(formatDate('en', '2025-03-04T23:30:00Z')).toBe('March 5, 2025');
  });

  it('uses the Gregorian year printed on the card, also in Thai', () => {
    expect(formatDate('th', morningInSeoul)).toContain('2025');
    expect(formatDate('th', morningInSeoul)).not.toContain('2568');
  });

  it('renders Arabic and Urdu with the right year', () => {
    for (const locale of ['ar', 'ur'] as const) expect(plain(formatDate(locale, morningInSeoul))).toContain('2025');
  });

  it('refuses a value that is not a date', () => {
    expect(() => formatDate('en', 'not a date')).toThrow(RangeError);
  });

  it('gives the time of day in Seoul', () => {
    expect(formatTime('en', '2025-03-04T05:30:00Z')).toBe('2:30 PM');
    expect(formatTime('ru', '2025-03-04T05:30:00Z')).toBe('14:30');
    expect(formatDateTime('en', '2025-03-04T16:30:00Z')).toBe('March 5, 2025 at 1:30 AM');
  });

  it('writes Korean day periods as Korean phones do (오전/오후), whichever CLDR the server has', () => {
    // CLDR 48.0 (Node 20's ICU 78.2) has "AM"/"PM" here; an officer read "AM 9:04까지 유효".
    expect(formatTime('ko', '2025-03-04T05:30:00Z')).toBe('오후 2:30');
    expect(formatTime('ko', '2025-03-03T23:04:00Z')).toBe('오전 8:04');
    expect(formatDateTime('ko', '2025-03-04T05:30:00Z')).toBe('2025년 3월 4일 오후 2:30');
    const range = dateTimeFormat('ko', { timeStyle: 'short' }).formatRange(new Date('2025-03-04T01:00:00Z'), new Date('2025-03-04T01:20:00Z'));
    expect(range).toMatch(/^오전 10:00\s*~\s*10:20$/);
    expect(dateTimeShapeOf('ko', { timeStyle: 'short' }).dayPeriods?.slice(0, 24)).toEqual([...Array(12).fill('오전'), ...Array(12).fill('오후')]);
    expect(dateTimeFormat('ko', { timeStyle: 'short' }).formatToParts(new Date('2025-03-04T05:30:00Z')).find((p) => p.type === 'dayPeriod')?.value).toBe('오후');
  });
});

describe('formatKoreanPhone', () => {
  it.each([
    ['01012345678', '010-1234-5678'],
    ['010 1234 5678', '010-1234-5678'],
    ['+82 10-1234-5678', '010-1234-5678'],
    ['+82 (0)10 1234 5678', '010-1234-5678'],
    ['0221104000', '02-2110-4000'],
    ['021234567', '02-123-4567'],
    ['0312345678', '031-234-5678'],
    ['07012345678', '070-1234-5678'],
    ['15771366', '1577-1366'],
    ['1345', '1345'],
    ['+1 415 555 0100', '+1 415 555 0100'],
  ])('%s → %s', (input, expected) => {
    expect(formatKoreanPhone('en', input)).toBe(expected);
  });

  it('writes the number for calls from abroad, leaving service numbers as they are', () => {
    expect(formatKoreanPhone('en', '010-1234-5678', { international: true })).toBe('+82 10-1234-5678');
    expect(formatKoreanPhone('en', '02-2110-4000', { international: true })).toBe('+82 2-2110-4000');
    expect(formatKoreanPhone('en', '1345', { international: true })).toBe('1345');
  });

  it('keeps Latin digits in every locale, as dialled', () => {
    expect(formatKoreanPhone('ne', '1577-1366')).toBe('1577-1366');
    expect(formatKoreanPhone('my', '01012345678')).toBe('010-1234-5678');
  });

  it('isolates the number left-to-right inside Arabic and Urdu text', () => {
    for (const locale of ['ar', 'ur'] as const) {
      expect(formatKoreanPhone(locale, '+82 10 1234 5678', { international: true })).toBe('\u2066+82 10-1234-5678\u2069');
    }
    expect(formatKoreanPhone('ko', '1345')).toBe('1345');
  });

  it('links to a dialable number', () => {
    expect(koreanPhoneHref('010-1234-5678')).toBe('tel:+821012345678');
    expect(koreanPhoneHref('1345')).toBe('tel:1345');
    expect(koreanPhoneHref('1577-1366')).toBe('tel:15771366');
    expect(koreanPhoneHref('call me')).toBeNull();
  });
});

describe('numbering systems', () => {
  it("match each locale's CLDR default in Node's full ICU", () => {
    for (const locale of locales) {
      expect(NUMBERING_SYSTEMS[locale], locale).toBe(new Intl.NumberFormat(locale).resolvedOptions().numberingSystem);
      expect(numberingSystemOf(locale)).toBe(NUMBERING_SYSTEMS[locale]);
    }
    expect(numberingSystemOf('xx')).toBe('latn');
  });

  it('gives every number, date and time of a locale in one script', () => {
    const at = new Date('2026-12-26T21:05:09Z');
    for (const locale of locales) {
      const texts = [formatCount(locale, 1345), formatNumber(locale, 12.5), formatDate(locale, at), formatDateTime(locale, at), formatTime(locale, at), localDigits(locale, 59)];
      const systems = digitSystemsIn(texts.join(' '));
      expect(systems, `${locale}: ${texts.join(' | ')}`).toEqual([NUMBERING_SYSTEMS[locale]]);
    }
  });

  it('finds the digit systems in a text', () => {
    expect(digitSystemsIn('४ मध्ये चरण 1')).toEqual(['deva', 'latn']);
    expect(digitSystemsIn('५ पटक')).toEqual(['deva']);
    expect(digitSystemsIn('no digits')).toEqual([]);
    expect(digitSystemsIn('٣ و 3')).toEqual(['arab', 'latn']);
  });
});

/** Every kind of space as " " (Mongolian's CLDR picks a narrow or a plain space after the year by the date; either reads the same). */
const spaces = (text: string) => text.replace(/[\s\u00a0\u202f]/g, ' ');

describe('dateTimeShapeOf / formatWithShape', () => {
  // Moments across years, months, every hour and minute, midnight and noon included (a seeded walk, the same every run).
  const moments: Date[] = [];
  for (let i = 0, t = Date.UTC(1990, 0, 1); i < 400; i++, t += 86_400_000 * 37 + 3_600_000 * 7 + 60_000 * 13 + 1000 * 17) moments.push(new Date(t));
  moments.push(new Date('2026-12-31T15:00:00Z'), new Date('2027-01-01T03:00:00Z'), new Date('2026-06-30T14:59:59Z'));

  it('writes what the server writes, in every locale, for the date-and-time, clock and long-date formats the browser shows', () => {
    for (const locale of locales) {
      for (const options of [{ dateStyle: 'medium', timeStyle: 'short' }, { hour: '2-digit', minute: '2-digit', second: '2-digit' }, { dateStyle: 'long' }] as const) {
        const shape = dateTimeShapeOf(locale, options);
        const server = dateTimeFormat(locale, options);
        for (const at of moments) {
          expect(spaces(formatWithShape(shape, at)), `${locale} ${JSON.stringify(options)} ${at.toISOString()}`).toBe(spaces(server.format(at)));
        }
      }
    }
  });

  it('writes birth dates as the server does (a day at midday in Korea)', () => {
    for (const locale of locales) {
      const shape = dateShapeOf(locale);
      for (const day of ['1956-02-29T12:00:00+09:00', '1987-07-15T12:00:00+09:00', '1996-04-12T12:00:00+09:00', '2029-07-01T12:00:00+09:00']) {
        expect(spaces(formatDayWithShape(shape, day)), `${locale} ${day}`).toBe(spaces(formatDate(locale, day)));
      }
    }
  });

  it('survives JSON (it travels from a server page to a browser component) and uses no Intl in the browser', () => {
    const shape = JSON.parse(JSON.stringify(dateShapeOf('ne')));
    const intl = globalThis.Intl;
    try {
      // What a browser component runs: no Intl object at all.
      (globalThis as { Intl?: unknown }).Intl = undefined;
      expect(formatDayWithShape(shape, '1996-04-12T12:00:00+09:00')).toBe('१९९६ अप्रिल १२');
      expect(localDigits('my', 5, 2)).toBe('၀၅');
    } finally {
      globalThis.Intl = intl;
    }
  });

  it('writes clock and countdown figures in the locale\'s digits, padded, ungrouped', () => {
    expect(localDigits('ne', 59)).toBe('५९');
    expect(localDigits('ne', 5, 2)).toBe('०५');
    expect(localDigits('bn', 1345)).toBe('১৩৪৫');
    expect(localDigits('ar', 7, 2)).toBe('07');
    expect(localDigits('en', 12345)).toBe('12345');
    for (const locale of locales) expect(digitSystemsIn(localDigits(locale, 1234567890))).toEqual([NUMBERING_SYSTEMS[locale]]);
    expect(formatCountdown('ne', 179_001)).toBe('३:००');
    expect(formatCountdown('en', 61_000)).toBe('1:01');
    expect(formatCountdown('my', -5)).toBe('၀:၀၀');
  });
});
