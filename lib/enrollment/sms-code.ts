// One-time SMS codes: 6 digits, 5 minutes, stored as a keyed hash. Wrong
// codes are counted per resident in the database (every instance, every
// enrollment of that resident): 5 wrong, then 15 minutes' wait.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { smsCodeFailures, smsCodes } from '@/db/schema';
import type { Executor, Tx } from '@/db/client';
import type { Clock } from '@/lib/clock';
import type { DataKeys } from '@/lib/security';
import { enrollmentErrors } from './errors';

export const SMS_CODE_TTL_MS = 5 * 60_000;
export const SMS_MAX_FAILURES = 5;
export const SMS_LOCK_MS = 15 * 60_000;
export const SMS_RESEND_AFTER_MS = 30_000;
export const SMS_MAX_SENDS_PER_ENROLLMENT = 5;

export function smsCodeHash(keys: DataKeys, enrollmentId: string, code: string): Buffer {
  return createHmac('sha256', keys.lookup).update(`sms-code:${enrollmentId}:${code}`).digest();
}

function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/** Refuses while the resident waits out 5 wrong codes. */
export async function assertNotLocked(db: Executor, clock: Clock, residentId: number): Promise<void> {
  const now = clock.now();
  const [row] = await db.select().from(smsCodeFailures).where(eq(smsCodeFailures.residentId, residentId));
  if (row?.lockedUntil && row.lockedUntil > now) {
    throw enrollmentErrors.create('sms_locked', { minutes: minutesUntil(row.lockedUntil, now) });
  }
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
 * counted on `tx` (commit it even though the check failed); the fifth in a
 * row starts the 15 minutes' wait.
 */
export async function checkSmsCode(
  tx: Tx,
  clock: Clock,
  keys: DataKeys,
  input: { enrollmentId: string; residentId: number; code: string },
): Promise<SmsCheck> {
  const now = clock.now();
  // Row lock: concurrent tries for one resident are counted one after another.
  await tx
    .insert(smsCodeFailures)
    .values({ residentId: input.residentId, failures: 0, updatedAt: now })
    .onConflictDoNothing();
  const [limit] = await tx
    .select()
    .from(smsCodeFailures)
    .where(eq(smsCodeFailures.residentId, input.residentId))
    .for('update');
  if (limit?.lockedUntil && limit.lockedUntil > now) return { ok: false, reason: 'locked', minutes: minutesUntil(limit.lockedUntil, now) };

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
    await tx
      .update(smsCodeFailures)
      .set({ failures: 0, updatedAt: now })
      .where(eq(smsCodeFailures.residentId, input.residentId));
    return { ok: true, codeId: open.id };
  }

  const failures = (limit?.failures ?? 0) + 1;
  if (failures >= SMS_MAX_FAILURES) {
    const until = new Date(now.getTime() + SMS_LOCK_MS);
    await tx
      .update(smsCodeFailures)
      .set({ failures: 0, lockedUntil: until, updatedAt: now })
      .where(eq(smsCodeFailures.residentId, input.residentId));
    // The code is spent too: after the wait the resident asks for a new one.
    await tx.update(smsCodes).set({ closedAt: now }).where(eq(smsCodes.id, open.id));
    return { ok: false, reason: 'locked', minutes: minutesUntil(until, now) };
  }
  await tx
    .update(smsCodeFailures)
    .set({ failures: sql`${failures}`, updatedAt: now })
    .where(eq(smsCodeFailures.residentId, input.residentId));
  return { ok: false, reason: 'wrong', triesLeft: SMS_MAX_FAILURES - failures };
}
