import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, memoryHistory, readShown, recordShown, SAME_SHOWING_MS } from './card-history';

const at = (ms: number) => new Date(Date.UTC(2026, 11, 2, 3, 0, 0) + ms).toISOString();

describe('the card history on the phone', () => {
  it('notes a showing, newest first', async () => {
    const store = memoryHistory();
    await recordShown(store, { at: at(0), profile: 'identity' });
    await recordShown(store, { at: at(SAME_SHOWING_MS + 1), profile: 'age19' });
    expect((await readShown(store)).map((e) => e.profile)).toEqual(['age19', 'identity']);
  });

  it('does not note a renewal of the same choice soon after, but does note a verifier every time', async () => {
    const store = memoryHistory();
    expect(await recordShown(store, { at: at(0), profile: 'full' })).toBe(true);
    expect(await recordShown(store, { at: at(150_000), profile: 'full' })).toBe(false);
    expect(await recordShown(store, { at: at(160_000), profile: 'identity' })).toBe(true);
    expect(await recordShown(store, { at: at(170_000), profile: 'age19', requestedBy: 'CU Store' })).toBe(true);
    expect(await recordShown(store, { at: at(180_000), profile: 'age19', requestedBy: 'CU Store' })).toBe(true);
    const entries = await readShown(store);
    expect(entries).toHaveLength(4);
    expect(entries[0]).toEqual({ at: at(180_000), profile: 'age19', requestedBy: 'CU Store' });
  });

  it('refuses what is not an entry', async () => {
    const store = memoryHistory();
    expect(await recordShown(store, { at: 'yesterday', profile: 'full' })).toBe(false);
    expect(await recordShown(store, { at: at(0), profile: 'everything' as 'full' })).toBe(false);
    expect(await readShown(store)).toEqual([]);
  });

  it('keeps at most the newest entries, and clears', async () => {
    const store = memoryHistory();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) await recordShown(store, { at: at(i * 1000), profile: 'age19', requestedBy: `v${i}` });
    const entries = await readShown(store);
    expect(entries).toHaveLength(HISTORY_LIMIT);
    expect(entries.at(-1)?.requestedBy).toBe('v5');
    await store.clear();
    expect(await readShown(store)).toEqual([]);
  });
});
