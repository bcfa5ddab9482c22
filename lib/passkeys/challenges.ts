// Server challenges for WebAuthn ceremonies and chip proofs: random, stored
// in the database, bound to a purpose and a subject, single use, expiring.
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { webauthnChallenges } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { defineErrors } from '@/lib/errors';

export const CHALLENGE_TTL_MS = 5 * 60_000;

export type ChallengePurpose = (typeof webauthnChallenges.$inferInsert)['purpose'];

export const challengeErrors = defineErrors('challenge', {
  /** Unknown, already used, expired, or issued for another purpose or subject. */
  invalid: 400,
  expired: 400,
});

export async function issueChallenge(
  db: Executor,
  clock: Clock,
  purpose: ChallengePurpose,
  subject: string,
  ttlMs = CHALLENGE_TTL_MS,
): Promise<string> {
  const challenge = randomBytes(32).toString('base64url');
  const now = clock.now();
  await db.insert(webauthnChallenges).values({
    challenge,
    purpose,
    subject,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
  });
  return challenge;
}

/**
 * Marks the challenge used and returns it, or throws: at most one caller
 * ever consumes a challenge (the update is conditional on used_at is null).
 */
export async function consumeChallenge(
  db: Executor,
  clock: Clock,
  challenge: string,
  purpose: ChallengePurpose,
  subject: string,
): Promise<void> {
  const now = clock.now();
  const used = await db
    .update(webauthnChallenges)
    .set({ usedAt: now })
    .where(
      and(
        eq(webauthnChallenges.challenge, challenge),
        eq(webauthnChallenges.purpose, purpose),
        eq(webauthnChallenges.subject, subject),
        isNull(webauthnChallenges.usedAt),
        gt(webauthnChallenges.expiresAt, now),
      ),
    )
    .returning({ id: webauthnChallenges.id });
  if (used.length === 1) return;
  const [row] = await db
    .select({ expiresAt: webauthnChallenges.expiresAt, usedAt: webauthnChallenges.usedAt })
    .from(webauthnChallenges)
    .where(eq(webauthnChallenges.challenge, challenge));
  if (row && !row.usedAt && row.expiresAt <= now) throw challengeErrors.create('expired');
  throw challengeErrors.create('invalid');
}

/** Housekeeping: challenges an hour past expiry are of no use to anyone. */
export async function purgeOldChallenges(db: Executor, clock: Clock): Promise<void> {
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, new Date(clock.now().getTime() - 3600_000)));
}
