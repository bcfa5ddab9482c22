// What the outreach pages share: the error codes their forms may send back
// (typed, never compared as loose strings), and counts shown without
// letting a small number point at a person.
import { MIN_SHOWN, type Shown } from '@/lib/analytics';
import { coreErrors, type CodeOf, type CoreErrorCode } from '@/lib/errors';
import { leftToRight, type Locale } from '@/lib/i18n';
import { outreachErrors } from '@/lib/outreach';
import { bookingErrors, proofingErrors } from '@/lib/proofing';
import { staffErrors } from '@/lib/staff';

/** What the outreach actions may send back in ?error=. */
export type OutreachPageError =
  | CodeOf<typeof outreachErrors>
  | CodeOf<typeof bookingErrors>
  | CodeOf<typeof proofingErrors>
  | CodeOf<typeof staffErrors>
  | CoreErrorCode;

const PAGE_ERRORS: readonly OutreachPageError[] = [
  ...outreachErrors.codes,
  ...bookingErrors.codes,
  ...proofingErrors.codes,
  ...staffErrors.codes,
  ...coreErrors.codes,
];

export function pageError(value: unknown): OutreachPageError | null {
  return PAGE_ERRORS.find((code) => code === value) ?? null;
}

/**
 * A published count (lib/analytics's small-cell protection: null = hidden)
 * in the page's locale and its own digits, or "<10".
 */
export function shownCount(locale: Locale, count: Shown, fewer: (n: string) => string): string {
  const format = new Intl.NumberFormat(locale);
  if (count !== null) return format.format(count);
  return leftToRight(locale, fewer(format.format(MIN_SHOWN)));
}

/** A calendar day (YYYY-MM-DD, a day in Korea) as a reader of the locale writes it, never ISO. */
export function shownDay(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** An instant as a day in Korea. */
export function shownDate(locale: Locale, at: Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Asia/Seoul' }).format(at);
}
