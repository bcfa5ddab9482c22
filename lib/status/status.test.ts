import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusEntries } from '@/db/schema';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { fixedClock } from '@/lib/clock';
import {
  allocateStatusIndex,
  ensureFirstStatusList,
  LIST_SIZE,
  readStatus,
  setStatus,
  splitStatusIndex,
  STATUS_VIEW_MAX_AGE_MS,
  StatusView,
  listenForStatusChanges,
} from '.';

let database: TestDatabase;
const clock = fixedClock('2026-03-02T01:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  await ensureFirstStatusList(database.db, clock);
});

afterAll(async () => {
  await database?.close();
});

const newStatusIndex = () => database.db.transaction((tx) => allocateStatusIndex(tx, clock));

describe('entries', () => {
  it('status only moves forward: a locked card is never valid again, a reason once given stays', async () => {
    const { db } = database;
    const index = await newStatusIndex();
    await db.transaction((tx) => setStatus(tx, index, 'suspended', { reason: 'lost' }));
    expect(await db.transaction((tx) => setStatus(tx, index, 'valid'))).toBe('suspended');
    await db.transaction((tx) => setStatus(tx, index, 'invalid', { reason: 'replaced' }));
    await db.transaction((tx) => setStatus(tx, index, 'suspended', { reason: 'lost' }));
    await db.transaction((tx) => setStatus(tx, index, 'invalid', { reason: 'revoked' }));
    expect(await readStatus(db, index)).toEqual({ status: 'invalid', reason: 'replaced' });
  });

  it('an index that was never allocated: no status, and setting one throws', async () => {
    const index = LIST_SIZE - 1;
    const { db } = database;
    if ((await readStatus(db, index)) === null) {
      await expect(db.transaction((tx) => setStatus(tx, index, 'invalid'))).rejects.toThrow(/never allocated/);
    }
    expect(await readStatus(db, 5 * LIST_SIZE)).toBeNull();
  });

  it('indexes are random, distinct and inside the list', async () => {
    const indexes = await database.db.transaction(async (tx) => {
      const out: number[] = [];
      for (let i = 0; i < 200; i++) out.push(await allocateStatusIndex(tx, clock));
      return out;
    });
    expect(new Set(indexes).size).toBe(200);
    for (const i of indexes) expect(i).toBeGreaterThanOrEqual(0);
    for (const i of indexes) expect(i).toBeLessThan(LIST_SIZE);
    // Not handed out in order: consecutive issuances are not neighbours in the list.
    const ascending = indexes.slice(1).filter((v, i) => v > indexes[i]!).length;
    expect(ascending).toBeGreaterThan(50);
    expect(ascending).toBeLessThan(150);
    const spread = Math.max(...indexes) - Math.min(...indexes);
    expect(spread).toBeGreaterThan(LIST_SIZE / 2);
  });
});

describe('the view', () => {
  it('a change made here is seen at once; one made by another instance within the time-to-live', async () => {
    let now = clock.now().getTime();
    const view = new StatusView(database.db, () => now);
    try {
      const here = await newStatusIndex();
      const elsewhere = await newStatusIndex();
      expect(await view.get(here)).toEqual({ status: 'valid', reason: null });
      expect(await view.get(elsewhere)).toEqual({ status: 'valid', reason: null });

      await database.db.transaction((tx) => setStatus(tx, here, 'suspended', { reason: 'lost', clock }));
      expect(await view.get(here)).toEqual({ status: 'suspended', reason: 'lost' });

      // Another instance: this process's setStatus is not called.
      const { listId, idx } = splitStatusIndex(elsewhere);
      await database.db.update(statusEntries).set({ status: 1 }).where(and(eq(statusEntries.listId, listId), eq(statusEntries.idx, idx)));
      // (Until then this view may still answer valid; lib/presentation's tests check what a verifier sees meanwhile.)
      now += STATUS_VIEW_MAX_AGE_MS;
      expect((await view.get(elsewhere)).status).toBe('invalid');
    } finally {
      view.dispose();
    }
  });

  it('a change another instance commits reaches this view as it commits (NOTIFY), and a rolled-back one does not', async () => {
    const now = clock.now().getTime();
    // Detached from this process's own notifications: it hears only the database, as another instance does.
    const view = new StatusView(database.db, () => now);
    view.dispose();
    let heard = 0;
    const stop = await listenForStatusChanges(database, () => {
      heard++;
      view.invalidate();
    });
    try {
      const index = await newStatusIndex();
      expect(await view.get(index)).toEqual({ status: 'valid', reason: null });
      const rolledBack = await database.db
        .transaction(async (tx) => {
          await setStatus(tx, index, 'suspended', { reason: 'lost', clock });
          tx.rollback();
        })
        .catch((error: unknown) => error);
      expect(rolledBack).toBeInstanceOf(Error);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toBe(0);
      expect(await view.get(index)).toEqual({ status: 'valid', reason: null });

      await database.db.transaction((tx) => setStatus(tx, index, 'suspended', { reason: 'lost', clock }));
      for (let waited = 0; heard === 0 && waited < 3_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard).toBe(1);
      // The same moment (the clock has not moved): the view reads again and sees the lock.
      expect(await view.get(index)).toEqual({ status: 'suspended', reason: 'lost' });
    } finally {
      await stop();
    }
  });

  it('the list as bytes: 2 bits per card at its index; no bytes for a list that does not exist', async () => {
    const view = new StatusView(database.db, () => clock.now().getTime());
    try {
      const locked = await newStatusIndex();
      const revoked = await newStatusIndex();
      const valid = await newStatusIndex();
      await database.db.transaction(async (tx) => {
        await setStatus(tx, locked, 'suspended');
        await setStatus(tx, revoked, 'invalid', { reason: 'replaced' });
      });
      const list = await view.listBytes(1);
      expect(list!.bytes.length).toBe(LIST_SIZE / 4);
      const at = (index: number) => (list!.bytes[index >> 2]! >> ((index & 3) * 2)) & 3;
      expect(at(locked)).toBe(2);
      expect(at(revoked)).toBe(1);
      expect(at(valid)).toBe(0);
      expect(await view.listBytes(99)).toBeNull();
    } finally {
      view.dispose();
    }
  });
});
