// Locking every active mobile card of a resident: the credential rows
// (status locked, never active again), their status-list entries (invalid,
// reason "lost"), and the unlocked sessions of the card (ended), in the
// caller's transaction, each lock audited.
import { and, eq } from 'drizzle-orm';
import { credentials, residents } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { countCardLocked } from '@/lib/analytics';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { endSessionsOf } from '@/lib/security';
import { readStatus, setStatus } from '@/lib/status';

/** No resident has this id: the unmatched report runs the same statements against it. */
export const NO_RESIDENT = -1;

/**
 * Locks the resident's active cards and returns how many. For NO_RESIDENT it
 * runs the same statements, which find nothing: a report whose details did
 * not match costs about as much as one that did.
 */
export async function lockActiveCards(
  tx: Executor,
  clock: Clock,
  input: { residentId: number; actor: AuditActor; reference: string },
): Promise<number> {
  const now = clock.now();
  // The resident's row first: a reissue (lib/passkeys issueCredential) takes
  // the same lock, so a lock and a reissue for one resident queue up.
  await tx.select({ id: residents.id }).from(residents).where(eq(residents.id, input.residentId)).for('update');
  const locked = await tx
    .update(credentials)
    .set({ status: 'locked', lockedAt: now })
    .where(and(eq(credentials.residentId, input.residentId), eq(credentials.status, 'active')))
    .returning({ id: credentials.id, statusIndex: credentials.statusIndex });
  if (locked.length === 0) {
    // What setting a status costs (a read of an entry), with nothing to set.
    await readStatus(tx, 0);
  }
  for (const card of locked) {
    if (card.statusIndex !== null) await setStatus(tx, card.statusIndex, 'invalid', { reason: 'lost', clock });
    await recordAudit(tx, clock, {
      actor: input.actor,
      action: 'credential.locked',
      subject: { kind: 'credential', id: card.id },
      detail: { reason: 'lost', reference: input.reference },
    });
    await countCardLocked(tx, clock, card.id);
  }
  // The phone's open card closes now, not when its unlock times out.
  await endSessionsOf(tx, clock, 'resident', input.residentId);
  return locked.length;
}
