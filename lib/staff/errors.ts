import { defineErrors } from '@/lib/errors';

/** Message keys: errors.staff.<code>. */
export const staffErrors = defineErrors('staff', {
  not_signed_in: 401,
  forbidden: 403,
  account_disabled: 403,
  invite_unknown: 404,
  invite_expired: 410,
  invite_used: 409,
  handle_taken: 409,
  handle_invalid: 400,
  name_invalid: 400,
  staff_unknown: 404,
  last_admin: 409,
  passkey_unknown: 401,
  passkey_failed: 400,
  passkey_wrong_origin: 400,
  passkey_wrong_site: 400,
  passkey_wrong_type: 400,
  passkey_no_user_verification: 400,
  passkey_counter: 400,
  passkey_challenge_invalid: 400,
  passkey_challenge_expired: 400,
  demo_unavailable: 404,
});
