// The one place where a card's status reaches the published status list
// (lib/presentation, IETF Token Status List). Issuance takes a random index
// for the new card (marked valid); revocation marks the old one invalid.
// Imported lazily: lib/presentation itself calls lib/passkeys to unlock
// the card, and the two must not need each other while loading.
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/context/clock';

export type ListStatus = 'valid' | 'invalid' | 'suspended';
/** Why a card stopped being valid, as verifiers are told it. */
export type StatusChangeReason = 'replaced' | 'revoked' | 'lost';

/** A fresh random index in the status list for a new card, already marked valid. */
export async function allocateCardStatusIndex(tx: Executor, clock: Clock): Promise<number> {
  const { allocateStatusIndex } = await import('@/lib/presentation');
  return allocateStatusIndex(tx, clock);
}

export async function setCardStatus(
  tx: Executor,
  clock: Clock,
  index: number | null,
  status: ListStatus,
  reason?: StatusChangeReason,
): Promise<void> {
  if (index === null) return;
  const { setStatus } = await import('@/lib/presentation');
  await setStatus(tx, index, status, { reason: reason ?? null, clock });
}
