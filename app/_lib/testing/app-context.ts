// An app context on a fresh test database, installed where the wrappers look
// for it (lib/context, lib/presentation runtime), for tests that call route
// handlers and server actions directly. Call inside a test file; it registers
// its own beforeAll/afterAll.
import { afterAll, beforeAll } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { readConfig } from '@/lib/config';
import { systemClock } from '@/lib/context';
import { presentationFixture } from '@/lib/presentation/testing';

const contextKey = Symbol.for('arc-mobile.app-context');
const presentationKey = Symbol.for('arc-mobile.presentation.runtime');
const holder = globalThis as Record<symbol, unknown>;

/** A demo app context on its own database for this file's tests; the getter answers once beforeAll ran. */
export function useTestAppContext(origin: string): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
    const config = { ...readConfig({ PORT: '3000', ARC_DATA_DIR: '/nonexistent' }), demo: true };
    holder[contextKey] = Promise.resolve({ config, database, db: database.db, keys: database.keys, clock: systemClock, demo: true });
    holder[presentationKey] = presentationFixture(database, { origin });
  });
  afterAll(async () => {
    const deps = (await holder[presentationKey]) as { statusView?: { dispose(): void } } | undefined;
    deps?.statusView?.dispose();
    delete holder[contextKey];
    delete holder[presentationKey];
    await database?.close();
  });
  return () => {
    if (!database) throw new Error('useTestAppContext: the database opens in beforeAll');
    return database;
  };
}
