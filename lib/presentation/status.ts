// The status of every issued card, published as IETF Token Status Lists
// (draft-ietf-oauth-status-list): 2 bits per card (0 valid, 1 invalid,
// 2 suspended) at a random index, so a list leaks neither the order nor the
// time of issuance. A card's status index is one number for the caller:
// (list − 1) × LIST_SIZE + index within the list.
//
// Verification must not cost a database round trip per request: each
// process keeps a view of the entries that are not valid, reloaded in the
// background once it is a couple of seconds old. setStatus() marks every
// view in this process stale at once (and again shortly after, in case the
// caller's transaction had not committed yet); other instances see a change
// within STATUS_VIEW_MAX_AGE_MS.
import { randomInt } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
import { statusEntries, statusLists } from '@/db/schema';
import type { Executor } from '@/db/client';
import { systemClock, type Clock } from '@/lib/context/clock';

export const LIST_SIZE = 2 ** 17;
export const STATUS_BITS = 2;
/** A list takes new cards until it is this full; random picks then rarely collide. */
const FILL_LIMIT = LIST_SIZE / 2;

export type ListStatus = 'valid' | 'invalid' | 'suspended';
const CODE: Record<ListStatus, number> = { valid: 0, invalid: 1, suspended: 2 };
const NAME: Record<number, ListStatus> = { 0: 'valid', 1: 'invalid', 2: 'suspended' };

/** Why a card is invalid: "replaced" is the old phone's card after a reissue. */
export type StatusReason = 'replaced' | 'revoked' | 'lost' | (string & {});

export function splitStatusIndex(index: number): { listId: number; idx: number } {
  return { listId: Math.floor(index / LIST_SIZE) + 1, idx: index % LIST_SIZE };
}

export function joinStatusIndex(listId: number, idx: number): number {
  return (listId - 1) * LIST_SIZE + idx;
}

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

// ---------------------------------------------------------------------------
// The in-process view.

/** A view older than this is refreshed in the background while still used. */
export const STATUS_VIEW_REFRESH_MS = 2_000;
/** A view older than this is not used: the request waits for a fresh one. */
export const STATUS_VIEW_MAX_AGE_MS = 5_000;

type Entry = { status: 1 | 2; reason: string | null };

const VIEWS_KEY = Symbol.for('arc-mobile.presentation.status-views');
type ViewsHolder = { [VIEWS_KEY]?: Set<StatusView> };

function views(): Set<StatusView> {
  const holder = globalThis as ViewsHolder;
  return (holder[VIEWS_KEY] ??= new Set());
}

/** Re-checks shortly after a change, when the changing transaction has surely committed. */
const RECHECK_AFTER_MS = [250, 1_000, 3_000];

export function markStatusViewsStale(): void {
  for (const view of views()) view.invalidate();
  for (const delay of RECHECK_AFTER_MS) {
    setTimeout(() => {
      for (const view of views()) view.invalidate();
    }, delay).unref?.();
  }
}

export type CardListStatus = { status: ListStatus; reason: string | null };

export class StatusView {
  private entries = new Map<number, Entry>();
  private lists: number[] = [];
  private loadedAt = -Infinity;
  /** Bumped by invalidate(); a load that started before the bump does not count as fresh. */
  private generation = 0;
  private loadedGeneration = -1;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly db: Executor,
    private readonly now: () => number = Date.now,
  ) {
    views().add(this);
  }

  dispose(): void {
    views().delete(this);
  }

  invalidate(): void {
    this.generation++;
  }

  /** When the view in use was read from the database (ms). */
  get asOf(): number {
    return this.loadedAt;
  }

  private reload(): Promise<void> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const startedAt = this.now();
    this.loading = (async () => {
      try {
        const rows = await this.db
          .select({ listId: statusEntries.listId, idx: statusEntries.idx, status: statusEntries.status, reason: statusEntries.reason })
          .from(statusEntries)
          .where(ne(statusEntries.status, CODE.valid));
        const lists = await this.db.select({ id: statusLists.id }).from(statusLists).orderBy(asc(statusLists.id));
        const next = new Map<number, Entry>();
        for (const row of rows) next.set(joinStatusIndex(row.listId, row.idx), { status: row.status as 1 | 2, reason: row.reason });
        this.entries = next;
        this.lists = lists.map((l) => l.id);
        this.loadedAt = startedAt;
        this.loadedGeneration = generation;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** Makes sure the view is fresh enough to answer from (see the file's head). */
  async ensureFresh(): Promise<void> {
    const age = this.now() - this.loadedAt;
    if (this.loadedGeneration !== this.generation || age >= STATUS_VIEW_MAX_AGE_MS) {
      // Stale or changed here: wait, so that a card locked a moment ago never verifies.
      // A reload already under way may have started before the change: wait for it, then check again.
      await this.reload();
      if (this.loadedGeneration !== this.generation) await this.reload();
    } else if (age >= STATUS_VIEW_REFRESH_MS) {
      void this.reload().catch(() => {
        // The next request retries; until STATUS_VIEW_MAX_AGE_MS the view in hand is fresh enough.
      });
    }
  }

  async get(index: number): Promise<CardListStatus> {
    await this.ensureFresh();
    const entry = this.entries.get(index);
    return entry ? { status: NAME[entry.status]!, reason: entry.reason } : { status: 'valid', reason: null };
  }

  /** The list as bytes (2 bits per index, index 0 in the lowest bits of byte 0), or null for a list that does not exist. */
  async listBytes(listId: number): Promise<{ bytes: Uint8Array; asOf: number } | null> {
    await this.ensureFresh();
    if (!this.lists.includes(listId)) return null;
    const bytes = new Uint8Array((LIST_SIZE * STATUS_BITS) / 8);
    const first = joinStatusIndex(listId, 0);
    for (const [index, entry] of this.entries) {
      if (index < first || index >= first + LIST_SIZE) continue;
      const idx = index - first;
      const bitOffset = idx * STATUS_BITS;
      bytes[bitOffset >> 3]! |= entry.status << (bitOffset & 7);
    }
    return { bytes, asOf: this.loadedAt };
  }
}

/** The list compressed as the draft asks: zlib (RFC 1950) deflate, then base64url. */
export function encodeStatusList(bytes: Uint8Array): string {
  return deflateSync(bytes, { level: 9 }).toString('base64url');
}
