// The app's process-wide dependencies, opened once: the database (migrated,
// and seeded on the first start of the embedded default), the data keys and
// the clock. Routes take them from here and pass them to use cases; use
// cases never reach for globals themselves.
import { readConfig, type AppConfig } from '@/lib/config';
import { deriveDataKeys, type DataKeys } from '@/lib/security/crypto';
import { resolveDataKey } from '@/lib/security/data-key';
import { openDatabase, type Database, type Db } from '@/db/client';
import { isDemoDatabase } from '@/db/settings';

import { systemClock, type Clock } from './clock';

export { systemClock, fixedClock, seoulDay, type Clock } from './clock';

export type AppContext = {
  config: AppConfig;
  database: Database;
  db: Db;
  keys: DataKeys;
  clock: Clock;
  /**
   * This process serves the demo: the configuration asks for it (config.demo)
   * AND the database was seeded as a demo. Only then do the demo sign-in,
   * the chip and SMS simulators, the dev inbox and the demo endpoints exist.
   */
  demo: boolean;
};

const GLOBAL_KEY = Symbol.for('arc-mobile.app-context');
type Holder = { [GLOBAL_KEY]?: Promise<AppContext> };

/**
 * The one AppContext of this process. Cached on globalThis so that dev
 * reloads and separately bundled route chunks share one database handle.
 */
export function getAppContext(): Promise<AppContext> {
  const holder = globalThis as Holder;
  if (!holder[GLOBAL_KEY]) {
    holder[GLOBAL_KEY] = createAppContext().catch((error) => {
      delete holder[GLOBAL_KEY];
      throw error;
    });
  }
  return holder[GLOBAL_KEY];
}

async function createAppContext(): Promise<AppContext> {
  const config = readConfig();
  const keys = deriveDataKeys(resolveDataKey(config));
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: config.dataDir, holder: `arc-mobile server (port ${config.port})` });
  if (config.seedDemo) {
    // First start of the embedded default (or ARC_DEMO=1 on an empty server
    // database): a synthetic population and the demo accounts.
    const { seedIfEmpty } = await import('@/db/seed');
    await seedIfEmpty(database.db, keys, { residents: config.seedResidents });
  }
  const demo = config.demo && (await isDemoDatabase(database.db));
  return { config, database, db: database.db, keys, clock: systemClock, demo };
}
