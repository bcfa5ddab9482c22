// Attempt limits kept in the database (rate_limits), so every instance
// counts the same attempts: one row per limit and subject, a fixed window
// that starts again once it has run out. The subject (a registration
// number, a client address) is never stored: the key is the limit's name
// and a keyed hash (HMAC with the data keys' lookup key) of the subject.
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rateLimits } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import type { DataKeys } from '@/lib/security';
import { limitErrors } from './errors';

/** The limits in use; a new one is added here (the name is part of every key). */
export type LimitName =
  | 'loss_reg'
  | 'loss_client'
  | 'booking_reg'
  | 'booking_client'
  // Enrollment (README "Limits"): wrong identify tries per registration number and per client,
  // SMS codes sent per resident, per phone number and per client, wrong SMS codes per
  // enrollment and per client, wrong short codes per client.
  | 'identify_reg'
  | 'identify_client'
  | 'sms_resident'
  | 'sms_phone'
  | 'sms_client'
  | 'sms_code_enrollment'
  | 'sms_code_client'
  | 'short_code_client'
  | 'enrollment_open_client'
  // Other rows anyone may create without signing in: verifier requests, staff sign-in challenges.
  | 'verifier_request_client'
  | 'staff_sign_in_client';

export type Attempt = {
  limit: LimitName;
  /** What is counted: a registration number, a client address… never stored in clear. */
  subject: string;
  /** Attempts allowed per window. */
  max: number;
  windowMs: number;
};

export type AttemptCount = {
  /** Attempts in the current window, this one included. */
  count: number;
  /** Attempts left in the window after this one. */
  remaining: number;
  /** When the window ends and the count starts again. */
  resetAt: Date;
};

/** The row's key: "<limit>:<HMAC-SHA256(lookup key, limit + NUL + subject), base64url>". */
export function limitKey(keys: DataKeys, limit: LimitName, subject: string): string {
  const mac = createHmac('sha256', keys.lookup).update(`rate-limit\u0000${limit}\u0000${subject}`).digest('base64url');
  return `${limit}:${mac}`;
}

/** The counter stops growing here: it only needs to stay above any max. */
const COUNT_CAP = 1_000_000;

/**
 * Counts one attempt and throws limits.rate_limited ({minutes}: until the
 * window ends, at least 1) when it is over the limit. One statement: an
 * INSERT … ON CONFLICT DO UPDATE that starts a new window when the old one
 * has run out, so concurrent attempts each count (the row is locked by the
 * update until the caller's transaction ends) and exactly `max` pass per
 * window. Call it inside the transaction of the work it guards: when that
 * work rolls back (for instance because this throws), so does the count.
 */
export async function consumeAttempt(tx: Executor, clock: Clock, keys: DataKeys, attempt: Attempt): Promise<AttemptCount> {
  if (!Number.isInteger(attempt.max) || attempt.max < 1) throw new Error(`limit ${attempt.limit}: max must be a positive integer`);
  if (!Number.isInteger(attempt.windowMs) || attempt.windowMs < 1000) throw new Error(`limit ${attempt.limit}: window must be at least 1 s`);
  const now = clock.now();
  const expiredBefore = new Date(now.getTime() - attempt.windowMs);
  const key = limitKey(keys, attempt.limit, attempt.subject);
  const expired = sql`${rateLimits.windowStart} <= ${expiredBefore.toISOString()}::timestamptz`;
  const [row] = await tx
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        windowStart: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${rateLimits.windowStart} end`,
        count: sql`case when ${expired} then 1 else least(${rateLimits.count} + 1, ${COUNT_CAP}) end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  const resetAt = new Date(row!.windowStart.getTime() + attempt.windowMs);
  if (row!.count > attempt.max) {
    const minutes = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 60_000));
    throw limitErrors.create('rate_limited', { minutes });
  }
  return { count: row!.count, remaining: attempt.max - row!.count, resetAt };
}

/**
 * The attempts counted so far in the limit's current window, without
 * counting one: for limits that count only failures (check first, count a
 * failure after). `blocked` once the window holds `max` attempts; then
 * `minutes` says how long until it ends (at least 1).
 */
export async function peekAttempts(
  db: Executor,
  clock: Clock,
  keys: DataKeys,
  attempt: Attempt,
): Promise<{ count: number; blocked: boolean; minutes: number; resetAt: Date | null }> {
  const now = clock.now();
  const key = limitKey(keys, attempt.limit, attempt.subject);
  const [row] = await db.select({ count: rateLimits.count, windowStart: rateLimits.windowStart }).from(rateLimits).where(sql`${rateLimits.key} = ${key}`);
  if (!row || row.windowStart.getTime() + attempt.windowMs <= now.getTime()) return { count: 0, blocked: false, minutes: 0, resetAt: null };
  const resetAt = new Date(row.windowStart.getTime() + attempt.windowMs);
  const minutes = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 60_000));
  return { count: row.count, blocked: row.count >= attempt.max, minutes, resetAt };
}
