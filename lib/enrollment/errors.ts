import { defineErrors } from '@/lib/errors';

/** What a resident can get wrong, or meet, while enrolling: message keys errors.enrollment.*. */
export const enrollmentErrors = defineErrors('enrollment', {
  /** No enrollment is bound to this browser (cookie missing, or from another browser). */
  no_enrollment: 409,
  /** The enrollment's time is over (30 minutes; an officer's grant: its 10 minutes). */
  expired: 410,
  expired_grant: 410,
  /** The step cannot be done now (an earlier one is not done, or it is done already). */
  wrong_step: 409,
  already_issued: 409,
  identity_mismatch: 400,
  identify_locked: 429,
  not_registered: 404,
  ineligible_under_14: 403,
  ineligible_card_expired: 403,
  ineligible_card_not_yet_valid: 403,
  ineligible_no_card: 403,
  grant_unknown: 404,
  grant_expired: 410,
  grant_used: 409,
  short_code_locked: 429,
  sms_code_wrong: 400,
  sms_code_format: 400,
  sms_code_expired: 400,
  sms_locked: 429,
  card_busy: 429,
  sms_resend_too_soon: 429,
  sms_send_limit: 429,
  chip_challenge_invalid: 400,
  chip_signature_invalid: 400,
  chip_not_a_chip_card: 409,
  simulator_unavailable: 404,
});
