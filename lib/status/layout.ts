// How the status list is laid out: its size, 2 bits per card, the codes,
// and how one status index splits into a list and a place in it.
export const LIST_SIZE = 2 ** 17;
export const STATUS_BITS = 2;
export type ListStatus = 'valid' | 'invalid' | 'suspended';
export const CODE: Record<ListStatus, number> = { valid: 0, invalid: 1, suspended: 2 };
export const NAME: Record<number, ListStatus> = { 0: 'valid', 1: 'invalid', 2: 'suspended' };

/** Why a card is invalid: "replaced" is the old phone's card after a reissue. */
export type StatusReason = 'replaced' | 'revoked' | 'lost' | (string & {});

export function splitStatusIndex(index: number): { listId: number; idx: number } {
  return { listId: Math.floor(index / LIST_SIZE) + 1, idx: index % LIST_SIZE };
}

export function joinStatusIndex(listId: number, idx: number): number {
  return (listId - 1) * LIST_SIZE + idx;
}
