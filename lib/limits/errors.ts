import { defineErrors } from '@/lib/errors';

/** Too many attempts within a limit's window (message key errors.limits.rate_limited, with {minutes}). */
export const limitErrors = defineErrors('limits', {
  rate_limited: 429,
});
