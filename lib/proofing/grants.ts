// Enrollment grants: the one-time permission an officer gives a legacy-card
// resident after checking them against their card, in person ('office') or
// by video ('video'). The phone claims it with the long code from the QR
// (256 random bits, base64url) or the short code typed from under it (10
// characters of an unambiguous alphabet, ~49 bits, tries limited). Both are
// stored only as SHA-256 hashes. A grant lives 10 minutes, is claimed by one
// enrollment and used once.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { enrollmentGrants, grantClaimFailures, type GrantPath } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { recordAudit } from '@/lib/audit';
import { defineErrors } from '@/lib/errors';
import { asciiDigits } from '@/lib/i18n';

export const GRANT_TTL_MS = 10 * 60_000;
/** Bytes of randomness in the QR code (256 bits). */
export const GRANT_CODE_BYTES = 32;
/** No 0/O, 1/I/L or U: readable aloud and off a screen, typed without doubt. */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SHORT_CODE_LENGTH = 10;
/** Wrong short codes one claimant may type before waiting. */
export const SHORT_CODE_MAX_FAILURES = 5;
export const SHORT_CODE_LOCK_MS = 15 * 60_000;
/**
 * Wrong short codes one client (address) may type within 15 minutes, over
 * every enrollment it opens: a dropped cookie starts no new count, and no
 * one client can use up the global count below for everyone (it takes 50).
 */
export const SHORT_CODE_CLIENT_MAX_FAILURES = 20;
/**
 * Wrong short codes from everyone together within one 15-minute window
 * before the short code is refused for all until the window ends (the QR
 * keeps working). With ~49 bits per code this bounds a distributed guesser
 * to odds of about one in 10^11 per window per live grant.
 */
export const SHORT_CODE_GLOBAL_MAX_FAILURES = 1000;

export const proofingErrors = defineErrors('proofing', {
  grant_unknown: 404,
  grant_expired: 410,
  grant_used: 409,
  short_code_locked: 429,
  resident_not_found: 404,
  registration_number_format: 400,
  resident_not_eligible: 409,
  not_an_officer: 403,
  checks_missing: 400,
});

export type GrantClaimInput = { code: string } | { shortCode: string };

export type IssuedGrant = {
  grantId: string;
  /** Goes into the QR: <origin>/<locale>/enroll/office?g=<code>. */
  code: string;
  /** Shown under the QR in groups, e.g. "K7M2P-QW9XR". */
  shortCode: string;
  expiresAt: Date;
};

export type ClaimedGrant = {
  grantId: string;
  residentId: number;
  path: GrantPath;
  expiresAt: Date;
};

export type GrantView = {
  id: string;
  residentId: number;
  path: GrantPath;
  officerId: string;
  createdAt: Date;
  expiresAt: Date;
  claimedAt: Date | null;
  claimedBy: string | null;
  usedAt: Date | null;
};

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Uniformly random short code, formatted in two groups of five. */
export function makeShortCode(): string {
  let raw = '';
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) raw += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** "k7m2p qw9xr" (or with a keyboard's own digits, full-width letters) → "K7M2PQW9XR", or null when it cannot be a short code. */
export function normaliseShortCode(input: string): string | null {
  const raw = asciiDigits(input).toUpperCase().replace(/[\s\-_.]/g, '');
  if (raw.length !== SHORT_CODE_LENGTH) return null;
  for (const ch of raw) if (!SHORT_CODE_ALPHABET.includes(ch)) return null;
  return raw;
}

const CODE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Issues a grant for a resident. The caller has checked that the officer
 * may do so and the resident may enroll; this writes the grant and its
 * audit entry on the executor given (use a transaction for both).
 */
export async function issueGrant(
  tx: Executor,
  clock: Clock,
  input: {
    residentId: number;
    officerId: string;
    path: GrantPath;
    detail?: Record<string, unknown>;
    /** The QR code, when the caller must be able to show it again (video: derived from the data key and the session); else random. 43 base64url characters. */
    code?: string;
  },
): Promise<IssuedGrant> {
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + GRANT_TTL_MS);
  if (input.code !== undefined && !CODE_PATTERN.test(input.code)) throw new Error('A grant code is 43 base64url characters');
  const code = input.code ?? randomBytes(GRANT_CODE_BYTES).toString('base64url');
  // A short-code collision with any earlier grant is vanishingly rare; the
  // unique index would refuse it, so pick again rather than fail.
  for (let attempt = 0; attempt < 5; attempt++) {
    const shortCode = makeShortCode();
    const shortHash = sha256(normaliseShortCode(shortCode)!);
    const [clash] = await tx
      .select({ id: enrollmentGrants.id })
      .from(enrollmentGrants)
      .where(eq(enrollmentGrants.shortCodeHash, shortHash));
    if (clash) continue;
    const [row] = await tx
      .insert(enrollmentGrants)
      .values({
        residentId: input.residentId,
        path: input.path,
        officerId: input.officerId,
        codeHash: sha256(code),
        shortCodeHash: shortHash,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: enrollmentGrants.id });
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'grant.issued',
      subject: { kind: 'resident', id: input.residentId },
      detail: { grantId: row!.id, path: input.path, expiresAt: expiresAt.toISOString(), ...input.detail },
    });
    return { grantId: row!.id, code, shortCode, expiresAt };
  }
  throw new Error('Could not pick a free short code');
}

async function shortCodeLock(db: Executor, now: Date, keys: string[]): Promise<Date | null> {
  const rows = await db.select().from(grantClaimFailures).where(sql`${grantClaimFailures.key} in ${keys}`);
  let until: Date | null = null;
  for (const r of rows) if (r.lockedUntil && r.lockedUntil > now && (!until || r.lockedUntil > until)) until = r.lockedUntil;
  return until;
}

async function countShortCodeFailure(db: Executor, now: Date, key: string, max: number): Promise<void> {
  const windowFloor = new Date(now.getTime() - SHORT_CODE_LOCK_MS);
  const lockUntil = new Date(now.getTime() + SHORT_CODE_LOCK_MS);
  // One statement: a new window when the old one is over, else one more
  // failure; reaching the limit sets the wait.
  await db
    .insert(grantClaimFailures)
    .values({ key, windowStart: now, failures: 1, lockedUntil: max <= 1 ? lockUntil : null })
    .onConflictDoUpdate({
      target: grantClaimFailures.key,
      set: {
        windowStart: sql`case when ${grantClaimFailures.windowStart} <= ${windowFloor} then ${now} else ${grantClaimFailures.windowStart} end`,
        failures: sql`case when ${grantClaimFailures.windowStart} <= ${windowFloor} then 1 else ${grantClaimFailures.failures} + 1 end`,
        lockedUntil: sql`case when (case when ${grantClaimFailures.windowStart} <= ${windowFloor} then 1 else ${grantClaimFailures.failures} + 1 end) >= ${max} then ${lockUntil}::timestamptz else ${grantClaimFailures.lockedUntil} end`,
      },
    });
}

/**
 * Claims a grant for an enrollment, by the QR's code or the typed short
 * code. Claiming again for the same enrollment returns the same grant (the
 * resident came back within the grant's life); a grant claimed by another
 * enrollment, or used, is refused.
 *
 * Wrong short codes are counted on the executor given: 5 per enrollment
 * and 20 per client (`clientKey`: lib/limits' limitKey of the address, never
 * the address itself), then 15 minutes' wait
 * (errors.proofing.short_code_locked); 1000 from everyone together lock the
 * short code (not the QR) for everyone. Call it on the
 * database handle, not inside a transaction you roll back when it throws,
 * or the count is rolled back too. The claim itself is one conditional
 * UPDATE, atomic on its own, and idempotent for the same enrollment.
 */
export async function claimGrant(
  tx: Executor,
  clock: Clock,
  input: GrantClaimInput,
  enrollmentId: string | number,
  clientKey?: string,
): Promise<ClaimedGrant> {
  const now = clock.now();
  const claimant = String(enrollmentId);
  let hashColumn;
  let hash: Buffer;
  const byShortCode = 'shortCode' in input;
  const limiterKeys = [`enrollment:${claimant}`, 'global', ...(clientKey ? [clientKey] : [])];
  if (byShortCode) {
    const until = await shortCodeLock(tx, now, limiterKeys);
    if (until) {
      throw proofingErrors.create('short_code_locked', {
        minutes: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000)),
      });
    }
    const normalised = normaliseShortCode(input.shortCode);
    if (!normalised) throw proofingErrors.create('grant_unknown');
    hashColumn = enrollmentGrants.shortCodeHash;
    hash = sha256(normalised);
  } else {
    if (!CODE_PATTERN.test(input.code)) throw proofingErrors.create('grant_unknown');
    hashColumn = enrollmentGrants.codeHash;
    hash = sha256(input.code);
  }

  const [grant] = await tx.select().from(enrollmentGrants).where(eq(hashColumn, hash));
  if (!grant) {
    if (byShortCode) {
      await countShortCodeFailure(tx, now, `enrollment:${claimant}`, SHORT_CODE_MAX_FAILURES);
      if (clientKey) await countShortCodeFailure(tx, now, clientKey, SHORT_CODE_CLIENT_MAX_FAILURES);
      await countShortCodeFailure(tx, now, 'global', SHORT_CODE_GLOBAL_MAX_FAILURES);
      await recordAudit(tx, clock, {
        actor: { kind: 'anonymous', id: null },
        action: 'grant.claim_refused',
        subject: { kind: 'enrollment', id: claimant },
        detail: { reason: 'short_code_wrong' },
      });
    }
    throw proofingErrors.create('grant_unknown');
  }
  const claimed = (): ClaimedGrant => ({
    grantId: grant.id,
    residentId: grant.residentId,
    path: grant.path,
    expiresAt: grant.expiresAt,
  });
  if (grant.usedAt) throw proofingErrors.create('grant_used');
  if (grant.claimedBy !== null) {
    if (grant.claimedBy !== claimant) throw proofingErrors.create('grant_used');
    if (grant.expiresAt <= now) throw proofingErrors.create('grant_expired');
    return claimed();
  }
  if (grant.expiresAt <= now) throw proofingErrors.create('grant_expired');
  const won = await tx
    .update(enrollmentGrants)
    .set({ claimedAt: now, claimedBy: claimant })
    .where(and(eq(enrollmentGrants.id, grant.id), sql`${enrollmentGrants.claimedBy} is null`, sql`${enrollmentGrants.usedAt} is null`))
    .returning({ id: enrollmentGrants.id });
  if (won.length !== 1) {
    // Another enrollment claimed it between our read and our write.
    const [again] = await tx
      .select({ claimedBy: enrollmentGrants.claimedBy })
      .from(enrollmentGrants)
      .where(eq(enrollmentGrants.id, grant.id));
    if (again?.claimedBy === claimant) return claimed();
    throw proofingErrors.create('grant_used');
  }
  await recordAudit(tx, clock, {
    actor: { kind: 'anonymous', id: null },
    action: 'grant.claimed',
    subject: { kind: 'resident', id: grant.residentId },
    detail: { grantId: grant.id, path: grant.path, enrollmentId: claimant, by: byShortCode ? 'short_code' : 'qr' },
  });
  return claimed();
}

/**
 * Marks a claimed grant used: call it in the transaction that issues the
 * card. Refuses a grant already used (errors.proofing.grant_used) or never
 * claimed (grant_unknown). It does not look at expiry: the grant's life
 * bounds the claim, and the enrollment bounds its own steps by the
 * expiresAt that claimGrant returned.
 */
export async function markGrantUsed(tx: Executor, clock: Clock, grantId: string): Promise<void> {
  const now = clock.now();
  const done = await tx
    .update(enrollmentGrants)
    .set({ usedAt: now })
    .where(
      and(
        eq(enrollmentGrants.id, grantId),
        sql`${enrollmentGrants.usedAt} is null`,
        sql`${enrollmentGrants.claimedBy} is not null`,
      ),
    )
    .returning({ residentId: enrollmentGrants.residentId, path: enrollmentGrants.path });
  if (done.length === 1) {
    await recordAudit(tx, clock, {
      actor: { kind: 'system', id: null },
      action: 'grant.used',
      subject: { kind: 'resident', id: done[0]!.residentId },
      detail: { grantId, path: done[0]!.path },
    });
    return;
  }
  const [row] = await tx.select({ usedAt: enrollmentGrants.usedAt }).from(enrollmentGrants).where(eq(enrollmentGrants.id, grantId));
  if (row?.usedAt) throw proofingErrors.create('grant_used');
  throw proofingErrors.create('grant_unknown');
}

export async function getGrant(db: Executor, grantId: string): Promise<GrantView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(grantId)) return null;
  const [row] = await db.select().from(enrollmentGrants).where(eq(enrollmentGrants.id, grantId));
  if (!row) return null;
  return {
    id: row.id,
    residentId: row.residentId,
    path: row.path,
    officerId: row.officerId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    claimedAt: row.claimedAt,
    claimedBy: row.claimedBy,
    usedAt: row.usedAt,
  };
}
