// Enrollment's abuse limits (README "Limits"), kept in the database
// (lib/limits) so that they hold across instances and across enrollments:
// dropping the enrollment cookie or starting again counts on the same
// numbers.
//
// Who is protected from whom:
// - Someone who knows a resident's registration number, or even all three
//   identify facts, can make only so many wrong tries (per registration
//   number, per client) and send only so many codes to that resident's phone
//   (per resident, per phone number, per client).
// - Their wrong SMS codes count on their own enrollment and their own client,
//   never on the resident: the resident, on their own phone, is not locked
//   out by someone else's guesses.
// - What an attacker can still do is use up the self-service budget for an
//   hour (identify tries or codes sent for one card). An enrollment that
//   starts from an officer's check (office visit or video call, where the
//   officer saw the person and the card) is not held by those budgets: it
//   keeps only its own per-enrollment limits. The refusal says so.
import { limitErrors, type Attempt } from '@/lib/limits';

const HOUR = 60 * 60_000;

export const ENROLLMENT_LIMITS = {
  /** New enrollments (a request without a live enrollment cookie) from one client. */
  openedPerClient: { max: 100, windowMs: HOUR },
  /** Wrong identify tries for one registration number, from every enrollment and client. */
  identifyPerRegistrationNumber: { max: 10, windowMs: HOUR },
  /** Wrong identify tries from one client (address), whatever the registration number. */
  identifyPerClient: { max: 30, windowMs: HOUR },
  /** SMS codes sent to one resident by self-service enrollments. */
  smsPerResident: { max: 5, windowMs: HOUR },
  /** SMS codes sent to one phone number by self-service enrollments. */
  smsPerPhone: { max: 5, windowMs: HOUR },
  /** SMS codes one client makes us send, to anyone. */
  smsPerClient: { max: 20, windowMs: HOUR },
  /** Wrong SMS codes on one enrollment before its code is spent and it waits 15 minutes. */
  smsWrongPerEnrollment: { max: 5, windowMs: 15 * 60_000 },
  /** Wrong SMS codes from one client, on any enrollment. */
  smsWrongPerClient: { max: 20, windowMs: HOUR },
} as const;

type LimitSpec = { max: number; windowMs: number };

export const attempt = (limit: Attempt['limit'], subject: string, spec: LimitSpec): Attempt => ({ limit, subject, ...spec });

/** The minutes of a limits.rate_limited error, or null for any other error. */
export function rateLimitedMinutes(error: unknown): number | null {
  return limitErrors.is(error, 'rate_limited') ? Number(error.params?.minutes ?? 1) : null;
}
