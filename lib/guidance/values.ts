// The values the guide's and the checker's messages take ({minAge},
// {price}, {date}, {phone}, …), formatted for the reader's locale with the
// app's formatting rules (lib/i18n/format.ts): numbers in the locale's
// digits, the fee in won, the month on the Gregorian calendar; phone
// numbers exactly as dialled (the pages show them left to right).
import { KOREA_TIME_ZONE, formatNumber, formatWon, type Locale } from '@/lib/i18n';
import { MINIMUM_AGE } from '@/lib/eligibility';
import { ADULT_AGE, FACTS_CHECKED, IC_CARD_FEE_KRW, IC_CARD_WEEKS, phoneNumbers } from './topics';

export type GuideValues = {
  minAge: string;
  adultAge: string;
  price: string;
  weeks: string;
  date: string;
} & { [K in keyof typeof phoneNumbers]: string };

export function guideValues(locale: Locale): GuideValues {
  const month = new Intl.DateTimeFormat(locale, { calendar: 'gregory', timeZone: KOREA_TIME_ZONE, year: 'numeric', month: 'long' });
  return {
    minAge: formatNumber(locale, MINIMUM_AGE),
    adultAge: formatNumber(locale, ADULT_AGE),
    price: formatWon(locale, IC_CARD_FEE_KRW),
    weeks: formatNumber(locale, IC_CARD_WEEKS),
    // Noon in Korea on the 1st: the same month in every time zone.
    date: month.format(new Date(`${FACTS_CHECKED}-01T12:00:00+09:00`)),
    ...phoneNumbers,
  };
}
