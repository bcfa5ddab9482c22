// The three details of a loss report (registration number, card serial,
// date of birth) as a person types them: in any script's digits, with or
// without the dash, the date as three numbers. Checked for form only, field
// by field, before a try is spent; pure (no database), so a page and a test
// can run it as they like.
import { TYPED_SEPARATORS, asciiDigits } from '@/lib/i18n';
import { birthDateOfParts, type BirthDateParts } from '@/lib/eligibility';
import { birthDateFromRegistrationNumber, isCardSerial, normaliseCardSerial, parseRegistrationNumber } from '@/lib/registry';

export { birthDateOfParts, type BirthDateParts };
import { lossErrors } from './errors';

export type LossField = 'registrationNumber' | 'cardSerial' | 'birthDate';
/** The fields in the order a page shows them (and reports their errors). */
export const LOSS_FIELDS: readonly LossField[] = ['registrationNumber', 'cardSerial', 'birthDate'];

export type LossFieldCode = ReturnType<typeof lossErrors.code<
  | 'registration_number_missing'
  | 'registration_number_format'
  | 'registration_number_invalid'
  | 'card_serial_missing'
  | 'card_serial_format'
  | 'birth_date_missing'
  | 'birth_date_invalid'
  | 'birth_date_mismatch'
>>;

export type LossDetails = {
  /** YYMMDD-NNNNNNN */
  registrationNumber: string;
  /** Upper case, no spaces. */
  cardSerial: string;
  /** YYYY-MM-DD */
  birthDate: string;
};

// The same forms as an HTML `pattern` (the browser checks before sending, with or without
// JavaScript), accepting what the checks below accept: digits in any script and full-width
// ones (a Japanese or Chinese keyboard's "９６０４１２－６１２３４５６"), spaces, dots and any
// dash between them, full-width letters in a serial. Written for the `v` flag browsers compile
// patterns with (and the `u` flag older ones use).
const SEPARATOR = `[.\\uFF0E${TYPED_SEPARATORS}]`;
const SERIAL_SEPARATOR = `[${TYPED_SEPARATORS}]`;
const LETTER = '[A-Za-z\\uFF21-\\uFF3A\\uFF41-\\uFF5A]';
/** A registration number's form: 13 digits, any separators. */
export const REGISTRATION_NUMBER_PATTERN = `${SEPARATOR}*(?:\\p{Nd}${SEPARATOR}*){13}`;
/** A card serial's form: two letters, then 5 to 18 letters and digits, spaces and dashes between. */
export const CARD_SERIAL_PATTERN = `${SERIAL_SEPARATOR}*${LETTER}{2}${SERIAL_SEPARATOR}*(?:(?:${LETTER}|\\p{Nd})${SERIAL_SEPARATOR}*){5,18}`;

export type CheckedDetails = { ok: true; details: LossDetails } | { ok: false; errors: Partial<Record<LossField, LossFieldCode>> };

function checkRegistrationNumber(raw: string | undefined): { value: string } | { code: LossFieldCode } {
  const text = asciiDigits(raw ?? '').trim();
  if (!text) return { code: lossErrors.code('registration_number_missing') };
  const digits = text.replace(/[\s.-]/g, '');
  if (!/^\d{13}$/.test(digits)) return { code: lossErrors.code('registration_number_format') };
  const parsed = parseRegistrationNumber(digits);
  return parsed ? { value: parsed } : { code: lossErrors.code('registration_number_invalid') };
}

function checkCardSerial(raw: string | undefined): { value: string } | { code: LossFieldCode } {
  const serial = normaliseCardSerial(raw ?? '');
  if (!serial) return { code: lossErrors.code('card_serial_missing') };
  return isCardSerial(serial) ? { value: serial } : { code: lossErrors.code('card_serial_format') };
}

/**
 * Checks the three details for form, each field on its own (so a page can
 * say exactly which is wrong). `birthDate` is YYYY-MM-DD (a JSON client, a
 * date input) or the three typed numbers; `today` is the day in Korea.
 */
export function checkLossDetails(
  input: { registrationNumber?: string; cardSerial?: string; birthDate?: string | BirthDateParts },
  today: string,
): CheckedDetails {
  const errors: Partial<Record<LossField, LossFieldCode>> = {};
  const registration = checkRegistrationNumber(input.registrationNumber);
  if ('code' in registration) errors.registrationNumber = registration.code;
  const serial = checkCardSerial(input.cardSerial);
  if ('code' in serial) errors.cardSerial = serial.code;

  let birthDate: string | 'missing' | 'invalid';
  if (typeof input.birthDate === 'object' && input.birthDate !== null) birthDate = birthDateOfParts(input.birthDate, today);
  else {
    const text = asciiDigits(input.birthDate ?? '').trim();
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    birthDate = !text ? 'missing' : iso ? birthDateOfParts({ year: iso[1], month: iso[2], day: iso[3] }, today) : 'invalid';
  }
  if (birthDate === 'missing') errors.birthDate = lossErrors.code('birth_date_missing');
  else if (birthDate === 'invalid') errors.birthDate = lossErrors.code('birth_date_invalid');
  else if ('value' in registration && birthDateFromRegistrationNumber(registration.value) !== birthDate) {
    errors.birthDate = lossErrors.code('birth_date_mismatch');
  }

  if ('code' in registration || 'code' in serial || birthDate === 'missing' || birthDate === 'invalid' || errors.birthDate) {
    return { ok: false, errors };
  }
  return { ok: true, details: { registrationNumber: registration.value, cardSerial: serial.value, birthDate } };
}
