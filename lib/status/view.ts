// The in-process view of the status list that verification and the signed
// list are read from. Verification must not cost a database round trip per
// request: each process keeps a view of the entries that are not valid,
// reloaded in the background once it is a couple of seconds old.
// setStatus() marks every view in this process stale at once (and again
// shortly after, in case the caller's transaction had not committed yet),
// and sends a NOTIFY on STATUS_CHANNEL that the database delivers at commit
// to every instance listening (listenForStatusChanges): another instance's
// view is stale the moment the change commits. Without a listener (or while
// its connection is down) a change shows within STATUS_VIEW_MAX_AGE_MS.
import { asc, ne } from 'drizzle-orm';
import { statusEntries, statusLists } from '@/db/schema';
import type { Executor } from '@/db/client';
import { CODE, joinStatusIndex, LIST_SIZE, NAME, STATUS_BITS, type ListStatus } from './layout';

/** A view older than this is refreshed in the background while still used. */
export const STATUS_VIEW_REFRESH_MS = 2_000;
/** A view older than this is not used: the request waits for a fresh one. */
export const STATUS_VIEW_MAX_AGE_MS = 5_000;

type Entry = { status: 1 | 2; reason: string | null };

const VIEWS_KEY = Symbol.for('arc-mobile.status.views');
type ViewsHolder = { [VIEWS_KEY]?: Set<StatusView> };

function views(): Set<StatusView> {
  const holder = globalThis as ViewsHolder;
  return (holder[VIEWS_KEY] ??= new Set());
}

/** The NOTIFY channel a status change is announced on. */
export const STATUS_CHANNEL = 'arc_status_changed';

/** Marks every view in this process stale, for a change another instance committed. */
export function invalidateStatusViews(): void {
  for (const view of views()) view.invalidate();
}

/**
 * Makes this process's views follow changes committed by any instance, as
 * they commit. Resolves when listening; the function it returns stops.
 */
export async function listenForStatusChanges(
  database: { listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> },
  onChange: () => void = invalidateStatusViews,
): Promise<() => Promise<void>> {
  return database.listen(STATUS_CHANNEL, onChange);
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
