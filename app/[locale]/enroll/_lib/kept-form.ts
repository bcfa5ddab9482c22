// What an enrollment form typed before its post failed (the route wrapper's
// sealed cookie, app/_lib/form-flash.ts), and which fields were wrong, each
// with its own message: so the resident fixes one field instead of retyping
// a 13-digit number, a serial and a date.
import { messageForCode } from '@/app/_lib/error-message';
import { invalidFields, readFormFlash } from '@/app/_lib/form-flash';
import type { Locale } from '@/lib/i18n';
import { lossErrors } from '@/lib/loss';

export type KeptForm = {
  values: Record<string, string>;
  /** Field name → its message, for the fields the failure names. */
  fieldErrors: Record<string, string>;
};

/** A field the failure names without its own code (the schema's refusal): the message of its usual mistake. */
const FALLBACK: Record<string, string> = {
  registrationNumber: lossErrors.code('registration_number_format'),
  cardSerial: lossErrors.code('card_serial_format'),
  birthDate: lossErrors.code('birth_date_invalid'),
};

export async function keptForm(locale: Locale, page: string, searchParams: Record<string, string | string[] | undefined>): Promise<KeptForm> {
  const code = typeof searchParams.error === 'string' ? searchParams.error : null;
  const flash = await readFormFlash(page, code).catch(() => null);
  if (!flash) return { values: {}, fieldErrors: {} };
  const fieldErrors: Record<string, string> = {};
  for (const [field, fieldCode] of Object.entries(invalidFields(flash))) {
    const which = fieldCode ?? FALLBACK[field];
    if (which) fieldErrors[field] = await messageForCode(locale, which);
  }
  return { values: flash.fields, fieldErrors };
}
