import { defineErrors } from '@/lib/errors';

/**
 * What a loss report can be refused for (message keys errors.loss.*). The
 * field codes are about the form only (checked before a try is spent):
 * whether the details match a card is never said.
 */
export const lossErrors = defineErrors('loss', {
  registration_number_missing: 400,
  /** Not 13 digits (YYMMDD-NNNNNNN). */
  registration_number_format: 400,
  /** 13 digits, but no registration number is written that way (a date that does not exist, a 7th digit other than 5–8). */
  registration_number_invalid: 400,
  card_serial_missing: 400,
  /** Not letters then digits, as printed on the card. */
  card_serial_format: 400,
  birth_date_missing: 400,
  /** Not a date (31 February), or one in the future or before 1900. */
  birth_date_invalid: 400,
  /** The date of birth is not the one the registration number's first six digits give. */
  birth_date_mismatch: 400,
  /** The officer's report: the signed-in member is not an active officer. */
  not_an_officer: 403,
  /** The officer's report: no such resident. */
  resident_not_found: 404,
  /** The officer's report: the two checks (who it is, that they asked) were not ticked. */
  checks_missing: 400,
});

export type LossErrorCode = (typeof lossErrors.codes)[number];
