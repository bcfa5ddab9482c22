// The one place where a card's status reaches the published status list
// (issue 5's lib/presentation). Issuance takes an index for the new card and
// marks it valid; revocation marks the old one invalid with its reason;
// locking (the loss issue) marks it suspended or invalid through the same
// functions. lib/presentation also calls lib/passkeys (to unlock a card), so
// it is imported lazily here to keep the two modules free of a load-time cycle.
import type { Executor } from '@/db/client';

export type ListStatus = 'valid' | 'invalid' | 'suspended';
/** Why a card stopped being valid, as verifiers are told it. */
export type StatusChangeReason = 'replaced' | 'revoked' | 'lost';

/** A fresh random index in the status list for a new card. */
export async function allocateCardStatusIndex(tx: Executor): Promise<number> {
  const { allocateStatusIndex } = await import('@/lib/presentation');
  return allocateStatusIndex(tx);
}

export async function setCardStatus(
  tx: Executor,
  index: number | null,
  status: ListStatus,
  reason: StatusChangeReason | null = null,
): Promise<void> {
  if (index === null) return;
  const { setStatus } = await import('@/lib/presentation');
  await setStatus(tx, index, status, { reason });
}
