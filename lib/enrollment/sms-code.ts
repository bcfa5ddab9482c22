// One-time SMS codes: 6 digits, 5 minutes, stored as a keyed hash. Wrong
// codes are counted in the database (every instance) per enrollment (5
// wrong, then 15 minutes' wait) and per client (lib/enrollment/limits.ts).
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { smsCodes } from '@/db/schema';
import type { Executor, Tx } from '@/db/client';
import type { Clock } from '@/lib/clock';
import type { DataKeys } from '@/lib/security';
import { consumeAttempt, peekAttempts } from '@/lib/limits';
import { enrollmentErrors } from './errors';
import { attempt, ENROLLMENT_LIMITS, rateLimitedMinutes } from './limits';

export const SMS_CODE_TTL_MS = 5 * 60_000;
export const SMS_MAX_FAILURES = ENROLLMENT_LIMITS.smsWrongPerEnrollment.max;
export const SMS_LOCK_MS = ENROLLMENT_LIMITS.smsWrongPerEnrollment.windowMs;
export const SMS_RESEND_AFTER_MS = 30_000;
export const SMS_MAX_SENDS_PER_ENROLLMENT = 5;

export function smsCodeHash(keys: DataKeys, enrollmentId: string, code: string): Buffer {
  return createHmac('sha256', keys.lookup).update(`sms-code:${enrollmentId}:${code}`).digest();
}

function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/** Refuses while this enrollment, or the client it comes from, waits out its wrong codes. */
export async function assertNotLocked(db: Executor, clock: Clock, keys: DataKeys, enrollmentId: string, client: string): Promise<void> {
  const minutes = await lockedMinutes(db, clock, keys, enrollmentId, client);
  if (minutes > 0) throw enrollmentErrors.create('sms_locked', { minutes });
}

/** Minutes left to wait after too many wrong codes on this enrollment or from this client, or 0. */
export async function lockedMinutes(db: Executor, clock: Clock, keys: DataKeys, enrollmentId: string, client?: string): Promise<number> {
  const own = await peekAttempts(db, clock, keys, attempt('sms_code_enrollment', enrollmentId, ENROLLMENT_LIMITS.smsWrongPerEnrollment));
  const fromClient = client
    ? await peekAttempts(db, clock, keys, attempt('sms_code_client', client, ENROLLMENT_LIMITS.smsWrongPerClient))
    : { blocked: false, minutes: 0 };
  return Math.max(own.blocked ? own.minutes : 0, fromClient.blocked ? fromClient.minutes : 0);
}

/** Refuses a new code sooner than 30 s after the last, or after 5 for one enrollment. */
export async function assertMaySend(db: Executor, clock: Clock, enrollmentId: string): Promise<void> {
  const now = clock.now();
  const sent = await db
    .select({ createdAt: smsCodes.createdAt })
    .from(smsCodes)
    .where(eq(smsCodes.enrollmentId, enrollmentId))
    .orderBy(desc(smsCodes.createdAt));
  if (sent.length >= SMS_MAX_SENDS_PER_ENROLLMENT) throw enrollmentErrors.create('sms_send_limit');
  const last = sent[0]?.createdAt;
  if (last && now.getTime() - last.getTime() < SMS_RESEND_AFTER_MS) {
    throw enrollmentErrors.create('sms_resend_too_soon', {
      seconds: Math.ceil((SMS_RESEND_AFTER_MS - (now.getTime() - last.getTime())) / 1000),
    });
  }
}

/** A new code for the enrollment; earlier open codes stop working. Returns the code to send. */
export async function createSmsCode(
  tx: Tx,
  clock: Clock,
  keys: DataKeys,
  input: { enrollmentId: string; residentId: number },
): Promise<string> {
  const now = clock.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await tx
    .update(smsCodes)
    .set({ closedAt: now })
    .where(and(eq(smsCodes.enrollmentId, input.enrollmentId), isNull(smsCodes.closedAt)));
  await tx.insert(smsCodes).values({
    enrollmentId: input.enrollmentId,
    residentId: input.residentId,
    codeHash: smsCodeHash(keys, input.enrollmentId, code),
    createdAt: now,
    expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS),
  });
  return code;
}

export type SmsCheck =
  | { ok: true; codeId: string }
  | { ok: false; reason: 'wrong'; triesLeft: number }
  | { ok: false; reason: 'locked'; minutes: number }
  | { ok: false; reason: 'expired' };

/**
 * Checks a typed code against the enrollment's open code. A wrong code is
 * counted on this enrollment and on the client (commit `tx` even though the
 * check failed); the fifth on the enrollment spends the code and starts 15
 * minutes' wait. Nothing is counted on the resident: someone else's wrong
 * codes, on their own enrollment, never hold the resident back.
 */
export async function checkSmsCode(
  tx: Tx,
  clock: Clock,
  keys: DataKeys,
  input: { enrollmentId: string; code: string; client: string },
): Promise<SmsCheck> {
  const now = clock.now();
  const waiting = await lockedMinutes(tx, clock, keys, input.enrollmentId, input.client);
  if (waiting > 0) return { ok: false, reason: 'locked', minutes: waiting };

  const [open] = await tx
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.enrollmentId, input.enrollmentId), isNull(smsCodes.closedAt)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  if (!open || open.expiresAt <= now) return { ok: false, reason: 'expired' };

  const typed = /^\d{6}$/.test(input.code) ? smsCodeHash(keys, input.enrollmentId, input.code) : Buffer.alloc(32);
  if (timingSafeEqual(typed, open.codeHash) && /^\d{6}$/.test(input.code)) {
    await tx.update(smsCodes).set({ verifiedAt: now, closedAt: now }).where(eq(smsCodes.id, open.id));
    return { ok: true, codeId: open.id };
  }

  // Counted one after another: the counters' rows stay locked until this transaction ends.
  let counted: { remaining: number; resetAt: Date };
  try {
    await consumeAttempt(tx, clock, keys, attempt('sms_code_client', input.client, ENROLLMENT_LIMITS.smsWrongPerClient));
    counted = await consumeAttempt(tx, clock, keys, attempt('sms_code_enrollment', input.enrollmentId, ENROLLMENT_LIMITS.smsWrongPerEnrollment));
  } catch (error) {
    const minutes = rateLimitedMinutes(error);
    if (minutes === null) throw error;
    return { ok: false, reason: 'locked', minutes };
  }
  if (counted.remaining <= 0) {
    // The code is spent too: after the wait the resident asks for a new one.
    await tx.update(smsCodes).set({ closedAt: now }).where(eq(smsCodes.id, open.id));
    return { ok: false, reason: 'locked', minutes: minutesUntil(counted.resetAt, now) };
  }
  return { ok: false, reason: 'wrong', triesLeft: counted.remaining };
}
