// Issuing a card on a phone: the new passkey + device key become the
// resident's one active credential, and whatever was active before is
// revoked in the same transaction. The resident's row is locked first so
// that concurrent issuances for one resident queue up instead of failing;
// the partial unique index (credentials_one_active_per_resident) is the
// backstop that holds even if this code were bypassed.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { credentials, residents, type Credential } from '@/db/schema';
import type { Executor, Tx } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { countCardsIssuedAndRevoked } from '@/lib/analytics';
import { recordAudit } from '@/lib/audit';
import { allocateStatusIndex, setStatus } from '@/lib/status';
import { endSessionsOf } from '@/lib/security';
import { passkeyErrors } from './errors';
import type { VerifiedPasskey } from './registration';

export type IssuedCard = {
  credential: Credential;
  /** Credentials this issuance revoked (the card's previous phone). */
  revoked: Credential[];
};

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e = error as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505' && (e.constraint === constraint || e.message?.includes(constraint))) return true;
  }
  return false;
}

export async function issueCredential(
  tx: Tx,
  clock: Clock,
  input: { residentId: number; enrollmentId: string; passkey: VerifiedPasskey; path: string },
): Promise<IssuedCard> {
  const now = clock.now();
  // Serialises issuance per resident (on PostgreSQL; PGlite runs one transaction at a time anyway).
  await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, input.residentId)).for('update');

  const statusIndex = await allocateStatusIndex(tx, clock);
  const newId = randomUUID();
  const revoked = await tx
    .update(credentials)
    .set({ status: 'revoked', revokedAt: now, revokedReason: 'replaced', replacedBy: newId })
    .where(and(eq(credentials.residentId, input.residentId), eq(credentials.status, 'active')))
    .returning();

  let credential: Credential;
  try {
    // A savepoint, so that a refused insert leaves the caller's transaction usable for the error path.
    credential = await tx.transaction(async (sp) => {
      const [row] = await sp
        .insert(credentials)
        .values({
          id: newId,
          residentId: input.residentId,
          credentialId: input.passkey.credentialId,
          publicKey: input.passkey.publicKey,
          counter: input.passkey.counter,
          transports: input.passkey.transports,
          aaguid: input.passkey.aaguid,
          backupEligible: input.passkey.backupEligible,
          backedUp: input.passkey.backedUp,
          devicePublicKey: input.passkey.devicePublicKey,
          status: 'active',
          statusIndex,
          enrollmentId: input.enrollmentId,
          createdAt: now,
        })
        .returning();
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'credentials_credential_id_key')) throw passkeyErrors.create('already_registered');
    throw error;
  }

  for (const old of revoked) {
    if (old.statusIndex !== null) await setStatus(tx, old.statusIndex, 'invalid', { reason: 'replaced', clock });
    await recordAudit(tx, clock, {
      actor: { kind: 'resident', id: input.residentId },
      action: 'credential.revoked',
      subject: { kind: 'credential', id: old.id },
      detail: { reason: 'replaced', replacedBy: newId, enrollmentId: input.enrollmentId },
    });
  }
  if (revoked.length > 0) await endSessionsOf(tx, clock, 'resident', input.residentId);
  await recordAudit(tx, clock, {
    actor: { kind: 'resident', id: input.residentId },
    action: 'credential.issued',
    subject: { kind: 'credential', id: newId },
    detail: {
      enrollmentId: input.enrollmentId,
      path: input.path,
      backupEligible: input.passkey.backupEligible,
      backedUp: input.passkey.backedUp,
      replaced: revoked.map((r) => r.id),
    },
  });
  await countCardsIssuedAndRevoked(tx, clock, { issued: newId, revoked: revoked.map((r) => r.id) });
  return { credential, revoked };
}

/** How many active credentials a resident has (0 or 1, by the index). */
export async function countActiveCredentials(db: Executor, residentId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(credentials)
    .where(and(eq(credentials.residentId, residentId), eq(credentials.status, 'active')));
  return Number(row?.n ?? 0);
}
