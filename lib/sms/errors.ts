import { defineErrors } from '@/lib/errors';

/** Message keys errors.enrollment.* are the resident-facing ones; these are the gateway's own. */
export const smsErrors = defineErrors('enrollment', {
  /** The SMS gateway did not accept the message. */
  sms_gateway_failed: 502,
  /** No SMS gateway is configured and this is not a demo database. */
  sms_unavailable: 503,
});
