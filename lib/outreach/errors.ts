import { defineErrors, type CodeOf } from '@/lib/errors';

/** Message keys: errors.outreach.<code>. */
export const outreachErrors = defineErrors('outreach', {
  /** The signed-in account acts for no partner organisation (an admin ties it to one). */
  no_partner: 403,
  /** Only an admin may do this (add an organisation, invite its members). */
  admin_only: 403,
  /** Only officers and admins see and decide community-day requests. */
  officers_only: 403,
  partner_unknown: 404,
  /** No campaign of the caller's organisation has this id (another organisation's campaign reads as unknown too). */
  campaign_unknown: 404,
  campaign_archived: 409,
  name_invalid: 400,
  /** At least one language, and only ARC Mobile's. */
  languages_required: 400,
  region_unknown: 400,
  venue_invalid: 400,
  address_invalid: 400,
  /** One to three days, each from tomorrow to {days} days ahead. */
  dates_invalid: 400,
  people_invalid: 400,
  note_too_long: 400,
  request_unknown: 404,
  /** The request was scheduled or declined already. */
  request_closed: 409,
});

export type OutreachErrorCode = CodeOf<typeof outreachErrors>;
