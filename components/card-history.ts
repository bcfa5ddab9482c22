// What this phone's card showed, kept on the phone only (IndexedDB, beside
// the device key, in a database of its own): when, which profile and, for a
// "verifier asks", who asked. The server keeps none of this; clearing the
// app's data clears it. The pure parts take their store as an argument so
// they run under test in Node too.

export type ShownProfile = 'full' | 'identity' | 'age19';

export type ShownEntry = { at: string; profile: ShownProfile; requestedBy?: string };

/** Where the entries live. */
export interface HistoryStore {
  all(): Promise<ShownEntry[]>;
  add(entry: ShownEntry): Promise<void>;
  clear(): Promise<void>;
}

/** The most entries kept: the oldest go first. */
export const HISTORY_LIMIT = 200;

/** A code renewed for the same choice within this time is the same showing, not a new one. */
export const SAME_SHOWING_MS = 10 * 60_000;

const PROFILES: readonly ShownProfile[] = ['full', 'identity', 'age19'];

function isEntry(value: unknown): value is ShownEntry {
  const v = value as ShownEntry | null;
  return (
    !!v &&
    typeof v.at === 'string' &&
    !Number.isNaN(Date.parse(v.at)) &&
    PROFILES.includes(v.profile) &&
    (v.requestedBy === undefined || typeof v.requestedBy === 'string')
  );
}

/**
 * Notes one showing. The holder's own QR renews itself every few minutes:
 * a renewal of the same choice soon after the last one is not noted again.
 * A verifier's request is always noted.
 */
export async function recordShown(store: HistoryStore, entry: ShownEntry): Promise<boolean> {
  if (!isEntry(entry)) return false;
  const entries = await store.all();
  const last = entries.at(-1);
  if (
    !entry.requestedBy &&
    last &&
    !last.requestedBy &&
    last.profile === entry.profile &&
    Date.parse(entry.at) - Date.parse(last.at) < SAME_SHOWING_MS
  ) {
    return false;
  }
  await store.add({ at: entry.at, profile: entry.profile, ...(entry.requestedBy ? { requestedBy: entry.requestedBy.slice(0, 200) } : {}) });
  return true;
}

/** The entries, newest first. */
export async function readShown(store: HistoryStore): Promise<ShownEntry[]> {
  return (await store.all()).filter(isEntry).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

const DB_NAME = 'arc-mobile-history';
const STORE = 'shown';

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run<T>(factory: IDBFactory, mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  return openDb(factory).then(
    (db) =>
      new Promise<T | undefined>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = act(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request ? request.result : undefined);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
      }),
  );
}

/** The browser's IndexedDB. */
export function indexedDbHistory(factory: IDBFactory = indexedDB): HistoryStore {
  return {
    all: async () => ((await run<unknown[]>(factory, 'readonly', (s) => s.getAll())) ?? []).filter(isEntry),
    add: async (entry) => {
      await run(factory, 'readwrite', (s) => {
        s.add(entry);
        // Keep the newest HISTORY_LIMIT: drop the oldest keys past it.
        const count = s.count();
        count.onsuccess = () => {
          const extra = count.result - HISTORY_LIMIT;
          if (extra <= 0) return;
          const cursor = s.openCursor();
          let left = extra;
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c || left <= 0) return;
            c.delete();
            left -= 1;
            c.continue();
          };
        };
      });
    },
    clear: async () => {
      await run(factory, 'readwrite', (s) => s.clear());
    },
  };
}

/** For tests. */
export function memoryHistory(): HistoryStore {
  let entries: ShownEntry[] = [];
  return {
    all: async () => [...entries],
    add: async (entry) => {
      entries = [...entries, entry].slice(-HISTORY_LIMIT);
    },
    clear: async () => {
      entries = [];
    },
  };
}

/** Notes a showing in this phone's history; never fails the showing itself. */
export function noteShown(entry: ShownEntry): void {
  if (typeof indexedDB === 'undefined') return;
  void recordShown(indexedDbHistory(), entry).catch(() => {});
}
