import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { isTable } from 'drizzle-orm';
import * as schema from './schema';
import { migrationsFolder, openDatabase } from './client';
import { openTestDatabase, serverDatabaseUrl } from './testing';

const tableNames = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => isTable(value))
  .map((table) => getTableConfig(table).name)
  .sort();

async function tablesIn(db: Awaited<ReturnType<typeof openTestDatabase>>['db']): Promise<string[]> {
  const result = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: { table_name: string }[] }).rows) as { table_name: string }[];
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  it('every migration file is in the journal, in order', () => {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { idx: number; tag: string }[];
    };
    const files = fs.readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();
    expect(journal.entries.map((e) => `${e.tag}.sql`)).toEqual(files);
    expect(journal.entries.map((e) => e.idx)).toEqual(journal.entries.map((_, i) => i));
  });

  it(`apply on open and create every table of the schema (${serverDatabaseUrl() ? 'PostgreSQL' : 'PGlite in memory'})`, async () => {
    const database = await openTestDatabase();
    try {
      expect(database.kind).toBe(serverDatabaseUrl() ? 'postgres' : 'pglite');
      await database.ping();
      const tables = await tablesIn(database.db);
      for (const name of tableNames) expect(tables, name).toContain(name);
      expect(tables).toContain('residents');
      expect(tables).toContain('cards');
      expect(tables).toContain('settings');
    } finally {
      await database.close();
    }
  });

  it('on an embedded data directory: apply once, keep data across reopening, release the lock on close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-client-'));
    try {
      const first = await openDatabase({ kind: 'pglite', dataDir: dir, holder: 'test' });
      await first.db.insert(schema.settings).values({ key: 'kept', value: { n: 1 } });
      await first.close();
      expect(fs.existsSync(path.join(dir, 'arc.lock'))).toBe(false);
      const second = await openDatabase({ kind: 'pglite', dataDir: dir, holder: 'test' });
      const rows = await second.db.select().from(schema.settings);
      expect(rows.find((r) => r.key === 'kept')?.value).toEqual({ n: 1 });
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
