// Databases for tests: PGlite in memory by default; a fresh, throw-away
// PostgreSQL database on the server DATABASE_URL names, when it is set, so
// the same integration suite runs on both. Tests above db/ take theirs,
// with data keys, from lib/context/testing.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrationsFolder, openDatabase, type Database } from './client';

export type TestDatabase = Database & { url?: string };

export function serverDatabaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/** Opens an empty, migrated database; close() drops it again. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = serverDatabaseUrl();
  if (!serverUrl) return openDatabase({ kind: 'pglite-memory', template: await migratedTemplate() });
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

/**
 * A migrated PGlite data directory, made once per set of migrations and kept
 * in the temp folder: a new PGlite runs initdb (1.5-3 s here) where loading
 * this takes about 0.5 s, and a test run opens a hundred or more. The name
 * holds a hash of the migration files, so a changed migration makes a new
 * one; openDatabase still runs migrate on it (nothing to apply: a check).
 */
async function migratedTemplate(): Promise<Blob> {
  const hash = createHash('sha256');
  hash.update(String(process.versions.node));
  for (const file of fs.readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const full = path.join(migrationsFolder, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  const pglite = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
  hash.update(pglite.version);
  const file = path.join(os.tmpdir(), `arc-mobile-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
  if (!fs.existsSync(file)) {
    const fresh = await openDatabase({ kind: 'pglite-memory' });
    const client = (fresh.db as unknown as { $client: { dumpDataDir(compression: 'none'): Promise<Blob> } }).$client;
    const dump = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
    await fresh.close();
    // Written under a name of its own, then renamed: a test file in another worker never reads half of it.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(partial, dump);
    fs.renameSync(partial, file);
  }
  return new Blob([fs.readFileSync(file)]);
}
