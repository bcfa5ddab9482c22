// The migration that brought the chain: entries written before it (numbered
// by an identity column, with gaps where transactions rolled back) are
// renumbered and chained in SQL, and the result must be exactly what
// lib/audit computes in TypeScript: the verifier passes, and appends go on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { migrationsFolder, type Db } from '@/db/client';
import { fixedClock } from '@/lib/clock';
import { GENESIS_HASH, entryHash, recordAudit, verifyAuditChain } from '.';

const CHAIN_MIGRATION = '0008_audit_chain';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the migrations folder holding only those before the chain's. */
function migrationsBeforeChain(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-migrations-'));
  dirs.push(dir);
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; idx: number }[] };
  const mine = journal.entries.find((e) => e.tag === CHAIN_MIGRATION)!;
  const before = journal.entries.filter((e) => e.idx < mine.idx);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: before }));
  for (const e of before) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

type Opened = { db: Db; migrate(folder: string): Promise<void>; close(): Promise<void> };

async function openPglite(): Promise<Opened> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = new PGlite();
  const db = drizzle({ client });
  return { db: db as unknown as Db, migrate: (folder) => migrate(db, { migrationsFolder: folder }), close: () => client.close() };
}

async function openPostgres(serverUrl: string): Promise<Opened> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const name = `arc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  pool.on('error', () => {}); // a pooled connection ended by the final drop
  const db = drizzle({ client: pool });
  return {
    db: db as unknown as Db,
    migrate: (folder) => migrate(db, { migrationsFolder: folder }),
    close: async () => {
      await pool.end();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Details of every JSON shape, numbers RFC 8785 writes in each of its forms. */
const legacyDetails: Record<string, unknown>[] = [
  {},
  { path: 'chip', reason: 'card_expired', tries: 3 },
  { n: 1.5, tenth: 0.1, tiny: 0.0000001, small: 0.000001, neg: -2.25, big: 12345678901234567890, huge: 1e21, whole: 100, exp: 1.5e300 },
  { text: 'é "quoted" \\ back\nline\ttab \u0001 ü 한국어 العربية', emoji: '😀' },
  { list: [1, 'a', null, true, { b: 1, a: [] }], nested: { z: { y: { x: 'deep' } }, '': 'empty key', 'é': 1, '€': 2, '😀': 3, '\ufb33': 4 } },
  { negZero: -0, float: 123456.789, sci: 2.5e-7 },
];

describe.each([
  ['PGlite', openPglite] as const,
  ...(process.env.DATABASE_URL ? [['PostgreSQL', () => openPostgres(process.env.DATABASE_URL!)] as const] : []),
])('%s: entries from before the chain', (_, open) => {
  it('are renumbered without gaps and chained exactly as lib/audit would', async () => {
    const database = await open();
    try {
      await database.migrate(migrationsBeforeChain());
      const times = ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.123Z', '2026-02-03T04:05:06.789Z'];
      let i = 0;
      for (const detail of legacyDetails) {
        const at = times[i % times.length]!;
        await database.db.execute(sql`insert into audit_events (at, actor_kind, actor_id, action, subject_kind, subject_id, detail)
          values (${at}, ${i % 2 ? 'staff' : 'system'}, ${i % 3 ? String(i) : null}, ${`legacy.${i}`}, ${i % 2 ? 'credential' : null}, ${i % 2 ? `c-${i}` : null}, ${JSON.stringify(detail)}::jsonb)`);
        // A rolled-back transaction left a gap in the identity column.
        if (i === 2) await database.db.execute(sql`select nextval(pg_get_serial_sequence('audit_events', 'seq'))`);
        i++;
      }
      await database.migrate(migrationsFolder);

      const rows = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
      expect(rows.map((r) => r.seq)).toEqual(legacyDetails.map((_, k) => k + 1));
      expect(rows.map((r) => r.action)).toEqual(legacyDetails.map((_, k) => `legacy.${k}`));
      let prev = GENESIS_HASH;
      for (const row of rows) {
        expect(row.prevHash.toString('hex'), `entry ${row.seq}`).toBe(prev.toString('hex'));
        expect(row.hash.toString('hex'), `entry ${row.seq}: ${JSON.stringify(row.detail)}`).toBe(entryHash(prev, row).toString('hex'));
        prev = row.hash;
      }
      expect(await verifyAuditChain(database.db, { trustedKeys: [] })).toMatchObject({ ok: true, entries: legacyDetails.length });

      const next = await recordAudit(database.db, fixedClock('2026-03-01T00:00:00Z'), { actor: { kind: 'system' }, action: 'after.migration' });
      expect(next).toBe(legacyDetails.length + 1);
      expect(await verifyAuditChain(database.db, { trustedKeys: [] })).toMatchObject({ ok: true, entries: legacyDetails.length + 1 });
    } finally {
      await database.close();
    }
  }, 120_000);
});
