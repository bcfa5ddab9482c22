// The app's process-wide dependencies, opened once: the database (migrated,
// and seeded on the first start of the demo), the data keys, the clock, and
// whether this process serves the demo. Routes take them from here and pass
// them to use cases; use cases never reach for globals themselves.
import path from 'node:path';
import { readConfig, type AppConfig } from '@/lib/config';
import { deriveDataKeys, resolveDataKey, type DataKeys } from '@/lib/security';
import { openDatabase, type Database, type Db } from '@/db/client';
import { isDemoDatabase, isRealDatabase, markRealDatabase } from '@/db/settings';

import { systemClock, type Clock } from '@/lib/clock';
import { listenForStatusChanges } from '@/lib/status';

export { systemClock, fixedClock, seoulDay, type Clock } from '@/lib/clock';

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

export type CreateAppContextOptions = {
  /** Who holds the embedded database's lock (shown to a second process). */
  holder?: string;
  /** Where the start-up lines go (default: the console). */
  log?: (line: string) => void;
};

/**
 * Opens the database the configuration names and decides the mode:
 * - config.demo (ARC_DEMO=1, or the embedded database unless ARC_DEMO=0):
 *   an empty database is seeded with the demo population and accounts,
 *   unless it was set up as a real install;
 * - otherwise the database is marked as a real install (unless the seed
 *   already made it a demo), so a later start without ARC_DEMO=0 does not
 *   seed demo accounts into it.
 * The demo features exist only when both say demo (AppContext.demo).
 * Logs one line naming the mode, the database kind and the SMS sender.
 */
export async function createAppContext(config: AppConfig = readConfig(), options: CreateAppContextOptions = {}): Promise<AppContext> {
  const log = options.log ?? ((line: string) => console.info(line));
  const keys = deriveDataKeys(resolveDataKey(config));
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: config.dataDir, holder: options.holder ?? `arc-mobile server (port ${config.port})` });
  try {
    const db = database.db;
    const real = await isRealDatabase(db);
    if (config.demo && !real) {
      // First start of the embedded default (or ARC_DEMO=1 on an empty
      // server database): a synthetic population and the demo accounts.
      const { seedIfEmpty } = await import('@/lib/population');
      await seedIfEmpty(db, keys, { residents: config.seedResidents });
    } else if (!config.demo && !real && !(await isDemoDatabase(db))) {
      await markRealDatabase(db);
    }
    const demo = config.demo && (await isDemoDatabase(db));
    log(modeLine(config, demo));
    if (config.demo && !demo) {
      log(
        'ARC Mobile: the configuration asks for the demo, but this database ' +
          (real ? 'was set up as a real install' : 'holds data the demo seed did not make') +
          ', so the demo stays off (no demo data, accounts, sign-in or simulators). ' +
          'Set ARC_DEMO=0 to say so, or point ARC_DATA_DIR / DATABASE_URL at another database for the demo.',
      );
    }
    if (database.kind === 'postgres') {
      // Other instances lock and replace cards too: their changes reach this
      // instance's status view as they commit.
      await listenForStatusChanges(database);
    }
    return { config, database, db, keys, clock: systemClock, demo };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/** "ARC Mobile: demo mode on the embedded database (PGlite) in data; SMS: simulator (dev inbox)". No secrets. */
export function modeLine(config: Pick<AppConfig, 'database' | 'dataDir' | 'smsGateway'>, demo: boolean): string {
  const relative = path.relative(process.cwd(), config.dataDir);
  const dir = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : config.dataDir;
  const where = config.database === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `the embedded database (PGlite) in ${dir}`;
  const mode = demo
    ? 'demo mode (synthetic data; demo sign-in, chip and SMS simulators, dev inbox)'
    : 'real mode (no demo data, demo sign-in or simulators)';
  const sms = config.smsGateway
    ? `SMS: HTTP gateway ${safeHost(config.smsGateway.url)}`
    : demo
      ? 'SMS: simulator (dev inbox)'
      : 'SMS: NOT CONFIGURED (set ARC_SMS_GATEWAY_URL); enrolment codes cannot be sent';
  return `ARC Mobile: ${mode} on ${where}; ${sms}`;
}

/** The gateway's origin only: its path or query may carry a key. */
function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparsable URL)';
  }
}
