// Opens the database: PGlite in ARC_DATA_DIR (the embedded default) or
// PostgreSQL through pg when DATABASE_URL is set. Both run the same pg-core
// schema and the same drizzle-kit migrations, applied on open.
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema';
import { lockDataDir, type DataDirLock } from './lock';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A use case runs on the database or inside a caller's transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** Answers when the database does: used by the health check. */
  ping(): Promise<void>;
  /**
   * Calls onNotify for every NOTIFY on the channel, from any process, after
   * the notifying transaction commits (PostgreSQL: one dedicated connection,
   * reconnected after a failure; PGlite: the one process's own notifies).
   * Resolves when listening; the returned function stops it.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export type OpenOptions =
  | { kind: 'pglite'; dataDir: string; holder: string }
  /** template: a migrated data directory from PGlite's dumpDataDir, to start from instead of an empty one (tests: db/testing.ts). */
  | { kind: 'pglite-memory'; template?: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number };

// A fixed key for pg_advisory_lock: one instance migrates at a time.
const MIGRATION_LOCK_KEY = 0x41524331;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'postgres') return openPostgres(options.url, options.poolSize ?? 10);
  let lock: DataDirLock | undefined;
  let dataPath: string | undefined;
  if (options.kind === 'pglite') {
    lock = lockDataDir(options.dataDir, options.holder);
    dataPath = path.join(options.dataDir, 'pglite');
    fs.mkdirSync(options.dataDir, { recursive: true });
  }
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const template = options.kind === 'pglite-memory' ? options.template : undefined;
    const client = dataPath ? new PGlite(dataPath) : new PGlite(template ? { loadDataDir: template } : {});
    await client.waitReady;
    const db = drizzle({ client, schema }) as unknown as Db;
    await migrate(db as never, { migrationsFolder });
    return {
      db,
      kind: 'pglite',
      ping: async () => {
        await client.query('select 1');
      },
      listen: async (channel, onNotify) => client.listen(channel, () => onNotify()),
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // Migrate on one connection under an advisory lock, so that instances
  // starting together do not race each other's migrations.
  const migrator = new pg.Client({ connectionString: url });
  await migrator.connect();
  try {
    await migrator.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migrate(drizzle({ client: migrator }), { migrationsFolder });
  } finally {
    await migrator.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await migrator.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client's error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await pool.query('select 1');
    },
    listen: async (channel, onNotify) => {
      const stop = await listenOnPostgres(pg, url, channel, onNotify);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
const RECONNECT_MS = [250, 1_000, 5_000];

/**
 * LISTEN on a connection of its own. A lost connection is reopened (after a
 * pause that grows to 5 s), and onNotify is called once it is back, since a
 * notify may have been missed meanwhile.
 */
async function listenOnPostgres(pg: typeof import('pg').default, url: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let stopped = false;
  let client: import('pg').Client | null = null;
  let failures = 0;
  const reconnectLater = (): void => {
    const delay = RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)]!;
    setTimeout(() => {
      if (stopped) return;
      connect().then(
        () => {
          failures = 0;
          onNotify();
        },
        () => reconnectLater(),
      );
    }, delay).unref?.();
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    next.on('error', () => {
      // 'end' follows; the reconnect happens there.
    });
    next.on('end', () => {
      if (stopped || client !== next) return;
      client = null;
      reconnectLater();
    });
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    if (stopped) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    const current = client;
    client = null;
    await current?.end().catch(() => {});
  };
}
