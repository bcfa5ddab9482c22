// Localised error messages for staff pages and actions. Error codes are
// known only at run time, so they are looked up through a loosely typed
// translator.
import { getTranslations } from 'next-intl/server';
import { toAppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';

type Loose = { (key: string, params?: Record<string, unknown>): string; has(key: string): boolean };

export async function looseTranslator(locale: Locale, namespace: string): Promise<Loose> {
  return (await getTranslations({ locale, namespace: namespace as never })) as unknown as Loose;
}

/** The message for anything thrown: an AppError's own message, else the generic one. */
export async function errorMessage(locale: Locale, error: unknown): Promise<string> {
  const e = toAppError(error);
  if (e.code === 'internal') console.error('staff:', error);
  const t = await looseTranslator(locale, 'errors');
  return t.has(e.code) ? t(e.code, e.params) : t('internal');
}

/** The messages of a list of error codes, for a client component to show (it gets codes from the API). */
export async function errorMessages(locale: Locale, codes: readonly string[]): Promise<Record<string, string>> {
  const t = await looseTranslator(locale, 'errors');
  return Object.fromEntries(codes.filter((c) => t.has(c)).map((c) => [c, t(c, { minutes: 15 })]));
}

/** What the passkey endpoints may answer, for the client button. */
export const PASSKEY_ERRORS = [
  'staff.passkey_unknown',
  'staff.passkey_failed',
  'staff.passkey_wrong_origin',
  'staff.passkey_wrong_site',
  'staff.passkey_wrong_type',
  'staff.passkey_no_user_verification',
  'staff.passkey_counter',
  'staff.passkey_challenge_invalid',
  'staff.passkey_challenge_expired',
  'staff.account_disabled',
  'staff.invite_unknown',
  'staff.invite_expired',
  'staff.invite_used',
  'bad_request',
  'invalid_input',
  'internal',
  'database_unavailable',
];
