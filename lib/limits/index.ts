// Limits: attempt counters in the database (rate_limits), shared by every
// instance, keyed by a keyed hash of what they count; and the client
// address a per-client limit counts by.
export { limitErrors } from './errors';
export { consumeAttempt, limitKey, peekAttempts, type Attempt, type AttemptCount, type LimitName } from './consume';
export { clientAddressFrom, UNKNOWN_CLIENT } from './client';
