import { defineErrors } from '@/lib/errors';

/** What can go wrong when showing or asking for a card (message keys errors.presentation.*). */
export const presentationErrors = defineErrors('presentation', {
  /** The card is not unlocked on this phone (no unlock yet, or it timed out). */
  unlock_required: 401,
  /** The resident has no physical card on record, or no active mobile card. */
  no_card: 404,
  /** The physical card's validity ended: the mobile card shows nothing any more. */
  card_expired: 409,
  /** The card has no place in the status list yet, so no verifier could check it. */
  no_status_index: 409,
  /** A verifier's request that does not exist (or never did). */
  request_not_found: 404,
  /** The verifier's request is older than its five minutes. */
  request_expired: 410,
  /** The request was already approved or declined. */
  request_answered: 409,
  /** The body was more than the endpoint takes. */
  body_too_large: 413,
  /** The body was not JSON. */
  invalid_json: 400,
});
