// Databases for tests: PGlite in memory by default; a fresh, throw-away
// PostgreSQL database on the server DATABASE_URL names, when it is set, so
// the same integration suite runs on both. Tests above db/ take theirs,
// with data keys, from lib/context/testing.
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from './client';

export type TestDatabase = Database & { url?: string };

export function serverDatabaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/** Opens an empty, migrated database; close() drops it again. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = serverDatabaseUrl();
  if (!serverUrl) return openDatabase({ kind: 'pglite-memory' });
  const pg = (await import('pg')).default;
  const name = `arc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 20 });
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
