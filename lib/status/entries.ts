// Each issued card's entry in the status list (IETF Token Status List,
// draft-ietf-oauth-status-list): 2 bits per card (0 valid, 1 invalid,
// 2 suspended) at a random index, so a list leaks neither the order nor the
// time of issuance. A card's status index is one number for the caller:
// (list − 1) × LIST_SIZE + index within the list. Signing and publishing
// the list is lib/presentation's; issuance and revocation (lib/passkeys)
// set entries here.
import { randomInt } from 'node:crypto';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { statusEntries, statusLists } from '@/db/schema';
import type { Executor } from '@/db/client';
import { systemClock, type Clock } from '@/lib/clock';
import { CODE, joinStatusIndex, LIST_SIZE, NAME, splitStatusIndex, STATUS_BITS, type ListStatus, type StatusReason } from './layout';
import { markStatusViewsStale, STATUS_CHANNEL } from './view';

/** A list takes new cards until it is this full; random picks then rarely collide. */
const FILL_LIMIT = LIST_SIZE / 2;

/**
 * A fresh random index for a new card, marked valid. Call inside the
 * issuance transaction. The list row is locked, so concurrent issuances
 * count correctly; indexes are never reused.
 */
export async function allocateStatusIndex(tx: Executor, clock: Clock = systemClock): Promise<number> {
  const now = clock.now();
  for (;;) {
    const [list] = await tx
      .select()
      .from(statusLists)
      .where(lt(statusLists.allocated, FILL_LIMIT))
      .orderBy(asc(statusLists.id))
      .limit(1)
      .for('update');
    if (!list) {
      const [last] = await tx.select({ id: sql<number>`coalesce(max(${statusLists.id}), 0)::int` }).from(statusLists);
      await tx
        .insert(statusLists)
        .values({ id: Number(last?.id ?? 0) + 1, size: LIST_SIZE, bits: STATUS_BITS, allocated: 0, createdAt: now })
        .onConflictDoNothing();
      continue;
    }
    for (let attempt = 0; attempt < 64; attempt++) {
      const idx = randomInt(LIST_SIZE);
      const inserted = await tx
        .insert(statusEntries)
        .values({ listId: list.id, idx, status: CODE.valid, allocatedAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning({ idx: statusEntries.idx });
      if (inserted.length === 1) {
        await tx.update(statusLists).set({ allocated: sql`${statusLists.allocated} + 1` }).where(eq(statusLists.id, list.id));
        return joinStatusIndex(list.id, idx);
      }
    }
    throw new Error(`status list ${list.id}: no free index found`);
  }
}

/** Makes sure list 1 exists, so its stable URL answers before the first card is issued. */
export async function ensureFirstStatusList(db: Executor, clock: Clock = systemClock): Promise<void> {
  await db
    .insert(statusLists)
    .values({ id: 1, size: LIST_SIZE, bits: STATUS_BITS, allocated: 0, createdAt: clock.now() })
    .onConflictDoNothing();
}

/**
 * Sets a card's status. Status only moves forward, valid → suspended →
 * invalid (a locked card is never unlocked, only replaced), so a late or
 * repeated call cannot make a card valid again; the first reason given for
 * an invalid card stays. Returns the status the entry has afterwards.
 */
export async function setStatus(
  tx: Executor,
  index: number,
  status: ListStatus,
  options: { reason?: StatusReason | null; clock?: Clock } = {},
): Promise<ListStatus> {
  const { listId, idx } = splitStatusIndex(index);
  const now = (options.clock ?? systemClock).now();
  const [current] = await tx
    .select({ status: statusEntries.status, reason: statusEntries.reason })
    .from(statusEntries)
    .where(and(eq(statusEntries.listId, listId), eq(statusEntries.idx, idx)))
    .for('update');
  if (!current) throw new Error(`status index ${index} was never allocated`);
  const rank = (code: number) => (code === CODE.invalid ? 2 : code === CODE.suspended ? 1 : 0);
  const wanted = CODE[status];
  if (rank(wanted) < rank(current.status) || (wanted === current.status && (current.reason || !options.reason))) {
    return NAME[current.status]!;
  }
  await tx
    .update(statusEntries)
    .set({ status: wanted, reason: wanted === CODE.valid ? null : (options.reason ?? current.reason ?? null), updatedAt: now })
    .where(and(eq(statusEntries.listId, listId), eq(statusEntries.idx, idx)));
  // Every instance's view, at the commit (the server database delivers a
  // NOTIFY only when the transaction commits; see listenForStatusChanges).
  await tx.execute(sql`select pg_notify(${STATUS_CHANNEL}, '')`);
  markStatusViewsStale();
  return status;
}

/** The status of one index as the database has it now (tests, housekeeping). */
export async function readStatus(db: Executor, index: number): Promise<{ status: ListStatus; reason: string | null } | null> {
  const { listId, idx } = splitStatusIndex(index);
  const [row] = await db
    .select({ status: statusEntries.status, reason: statusEntries.reason })
    .from(statusEntries)
    .where(and(eq(statusEntries.listId, listId), eq(statusEntries.idx, idx)));
  return row ? { status: NAME[row.status]!, reason: row.reason } : null;
}
