// The audit chain: appends chain and never fork, the verifier names the
// first bad entry for every kind of tampering (altered, deleted, inserted,
// reordered, rewritten and re-hashed, cut short), checkpoints are signed
// and checked, and the table refuses UPDATE, DELETE and TRUNCATE. Runs on
// PGlite in memory, and on PostgreSQL when DATABASE_URL is set.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditCheckpoints, auditEvents, auditHead, auditKeys } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { fixedClock } from '@/lib/clock';
import {
  CHECKPOINT_EVERY_ENTRIES,
  CheckpointRefusedError,
  GENESIS_HASH,
  canonicalEntry,
  canonicalJson,
  createSealer,
  entryHash,
  publicKeyFromJwk,
  recordAudit,
  sealCheckpointIfDue,
  transparencyView,
  verifyAuditChain,
  type AuditKey,
  type ChainReport,
} from '.';
import { generateAuditKey } from './key';
import { canonicalAroundSeq } from './chain';

const clock = fixedClock('2026-05-04T01:00:00.000Z');
const key: AuditKey = generateAuditKey().key;
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
}, 120_000);
afterAll(async () => {
  await database?.close();
});
// Each test starts from an empty log (emptied as only a superuser can: triggers off).
beforeEach(async () => {
  await tamper(async (tx) => {
    await tx.delete(auditEvents);
    await tx.delete(auditCheckpoints);
    await tx.delete(auditKeys);
    await tx.update(auditHead).set({ seq: 0, hash: GENESIS_HASH });
  });
});

async function append(n: number, from = 1): Promise<void> {
  for (let i = from; i < from + n; i++) {
    clock.advance(1000);
    await recordAudit(db, clock, {
      actor: { kind: i % 3 ? 'resident' : 'staff', id: i % 5 ? `actor-${i}` : null },
      action: i % 2 ? 'credential.issued' : 'enrollment.step_done',
      subject: i % 4 ? { kind: 'enrollment', id: `e-${i}` } : undefined,
      detail: { path: 'chip', step: i, tries: [1, 2.5, -0], nested: { b: true, a: null, 'é': 'ü' } },
    });
  }
}

/** Changes rows as a superuser can: with the append-only triggers switched off for this transaction. */
async function tamper(work: (tx: Tx) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await work(tx as Tx);
  });
}

async function verify(): Promise<ChainReport> {
  return verifyAuditChain(db, { trustedKeys: [key] });
}

async function rows() {
  return db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
}

function failure(report: ChainReport) {
  return report.ok ? { ok: true } : { kind: report.problem.kind, seq: report.problem.seq };
}

describe('canonical form', () => {
  it('is RFC 8785: sorted members, no whitespace, ECMAScript numbers', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1e21, y: 0.000001, x: 1e-7, w: -0, v: 100 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"v":100,"w":0,"x":1e-7,"y":0.000001,"z":1e+21}}',
    );
    // RFC 8785 §3.2.3: sorted by UTF-16 code units.
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4, '\u00e9': 5, '\ufb33': 6 })).toBe('{"\\r":2,"1":4,"\u00e9":5,"\u20ac":1,"\ud83d\ude00":3,"\ufb33":6}');
    expect(canonicalJson({ s: 'a"\\\n\u0001' })).toBe('{"s":"a\\"\\\\\\n\\u0001"}');
  });

  it('covers seq, time, actor, action, subject and detail, and nothing else', () => {
    const fields = {
      seq: 7,
      at: new Date('2026-05-04T01:02:03.004Z'),
      actorKind: 'staff',
      actorId: '12',
      action: 'staff.signed_in',
      subjectKind: null,
      subjectId: null,
      detail: { method: 'passkey' },
    };
    expect(canonicalEntry(fields)).toBe(
      '{"action":"staff.signed_in","actor":{"id":"12","kind":"staff"},"at":"2026-05-04T01:02:03.004Z","detail":{"method":"passkey"},"seq":7,"subject":null}',
    );
  });
});

describe('the canonical form around its seq (what an append hashes in one statement)', () => {
  it('is the canonical form with the seq put in, whatever the details hold', () => {
    const base = { at: new Date('2026-05-04T01:02:03.004Z'), actorKind: 'staff', actorId: null, action: 'a', subjectKind: 'k', subjectId: '"seq":1,', detail: { seq: 9, nested: { seq: 'x' } } };
    for (const seq of [1, 9, 10, 123456789]) {
      const { before, after } = canonicalAroundSeq(base);
      expect(before + String(seq) + after).toBe(canonicalEntry({ ...base, seq }));
    }
    const noSubject = { ...base, subjectKind: null, subjectId: null, detail: {} };
    const { before, after } = canonicalAroundSeq(noSubject);
    expect(before + '7' + after).toBe(canonicalEntry({ ...noSubject, seq: 7 }));
  });
});

describe('appending', () => {
  it('numbers entries 1, 2, 3 … and links each to the one before', async () => {
    await append(12);
    const all = await rows();
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    let prev = GENESIS_HASH;
    for (const row of all) {
      expect(row.prevHash.equals(prev)).toBe(true);
      expect(row.hash.equals(entryHash(prev, row))).toBe(true);
      prev = row.hash;
    }
    const [head] = await db.select().from(auditHead);
    expect(head).toMatchObject({ seq: 12 });
    expect(head!.hash.equals(prev)).toBe(true);
    expect(failure(await verify())).toEqual({ ok: true });
  });

  it('returns the entry’s number, and a rolled-back append gives its number back', async () => {
    expect(await recordAudit(db, clock, { actor: { kind: 'system' }, action: 'a' })).toBe(1);
    await expect(
      db.transaction(async (tx) => {
        expect(await recordAudit(tx, clock, { actor: { kind: 'system' }, action: 'b' })).toBe(2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await recordAudit(db, clock, { actor: { kind: 'system' }, action: 'c' })).toBe(2);
    expect((await rows()).map((r) => r.action)).toEqual(['a', 'c']);
    expect(failure(await verify())).toEqual({ ok: true });
  });

  it('hashes what it stores: details go through JSON first (dates, undefined, -0)', async () => {
    await recordAudit(db, clock, {
      actor: { kind: 'system' },
      action: 'x',
      detail: { when: new Date('2026-01-02T03:04:05Z'), gone: undefined, zero: -0, list: [undefined, 1] },
    });
    const [row] = await rows();
    expect(row!.detail).toEqual({ when: '2026-01-02T03:04:05.000Z', zero: 0, list: [null, 1] });
    expect(failure(await verify())).toEqual({ ok: true });
  });

  it('concurrent appends in separate transactions never fork the chain', async () => {
    const n = 60;
    const outcomes = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        db.transaction(async (tx) => {
          await recordAudit(tx, clock, { actor: { kind: 'system' }, action: 'race', detail: { i } });
          // Work after the append, as use cases do (the head stays locked until commit).
          await tx.execute(sql`select pg_sleep(${(i % 4) / 1000})`);
          if (i % 7 === 0) throw new Error('rolled back');
        }),
      ),
    );
    const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(committed).toBe(n - Math.ceil(n / 7));
    const report = await verify();
    expect(failure(report)).toEqual({ ok: true });
    expect(report.ok && report.entries).toBe(committed);
  }, 60_000);
});

describe('the verifier names the first bad entry', () => {
  beforeEach(async () => {
    await append(20);
  });

  it('a whole chain passes, with its head', async () => {
    const report = await verify();
    expect(report.ok).toBe(true);
    const [last] = await db.select().from(auditEvents).where(eq(auditEvents.seq, 20));
    expect(report.ok && report.head).toBe(last!.hash.toString('hex'));
    expect(report.ok && report.entries).toBe(20);
  });

  it('an altered detail: that entry’s hash no longer matches', async () => {
    await tamper((tx) => tx.update(auditEvents).set({ detail: { path: 'office', step: 7 } }).where(eq(auditEvents.seq, 7)));
    expect(failure(await verify())).toEqual({ kind: 'hash_mismatch', seq: 7 });
  });

  it('an altered time or actor: the same', async () => {
    await tamper((tx) => tx.update(auditEvents).set({ at: new Date('2020-01-01T00:00:00Z') }).where(eq(auditEvents.seq, 3)));
    expect(failure(await verify())).toEqual({ kind: 'hash_mismatch', seq: 3 });
  });

  it('a deleted entry: its number is missing', async () => {
    await tamper((tx) => tx.delete(auditEvents).where(eq(auditEvents.seq, 7)));
    expect(failure(await verify())).toEqual({ kind: 'missing', seq: 7 });
  });

  it('a deleted entry with the rest renumbered: the next one does not follow', async () => {
    await tamper(async (tx) => {
      await tx.delete(auditEvents).where(eq(auditEvents.seq, 7));
      await tx.execute(sql`update audit_events set seq = -(seq - 1) where seq > 7`);
      await tx.execute(sql`update audit_events set seq = -seq where seq < 0`);
    });
    expect(failure(await verify())).toEqual({ kind: 'prev_mismatch', seq: 7 });
  });

  it('a forged entry inserted with a made-up hash', async () => {
    await tamper((tx) =>
      tx.insert(auditEvents).values({
        seq: 21,
        at: new Date(),
        actorKind: 'staff',
        actorId: '1',
        action: 'credential.revoked',
        subjectKind: null,
        subjectId: null,
        detail: {},
        prevHash: Buffer.alloc(32, 1),
        hash: Buffer.alloc(32, 2),
      }),
    );
    expect(failure(await verify())).toEqual({ kind: 'prev_mismatch', seq: 21 });
  });

  it('a forged entry put in place of a real one, correctly hashed: the next entry does not follow it', async () => {
    const [six] = await db.select().from(auditEvents).where(eq(auditEvents.seq, 6));
    const forged = { seq: 7, at: new Date(), actorKind: 'staff', actorId: '1', action: 'credential.revoked', subjectKind: 'credential', subjectId: 'c', detail: {} };
    await tamper(async (tx) => {
      await tx.delete(auditEvents).where(eq(auditEvents.seq, 7));
      await tx.insert(auditEvents).values({ ...forged, prevHash: six!.hash, hash: entryHash(six!.hash, forged) });
    });
    expect(failure(await verify())).toEqual({ kind: 'prev_mismatch', seq: 8 });
  });

  it('two entries reordered (their contents swapped, hashes and all)', async () => {
    const [a, b] = await db.select().from(auditEvents).where(sql`${auditEvents.seq} in (9, 10)`).orderBy(asc(auditEvents.seq));
    const { seq: _a, ...contentA } = a!;
    const { seq: _b, ...contentB } = b!;
    await tamper(async (tx) => {
      await tx.update(auditEvents).set(contentB).where(eq(auditEvents.seq, 9));
      await tx.update(auditEvents).set(contentA).where(eq(auditEvents.seq, 10));
    });
    expect(failure(await verify())).toEqual({ kind: 'prev_mismatch', seq: 9 });
  });

  it('two entries’ events swapped, their hashes left in place', async () => {
    const [a, b] = await db.select().from(auditEvents).where(sql`${auditEvents.seq} in (9, 10)`).orderBy(asc(auditEvents.seq));
    const event = (r: typeof a) => ({ at: r!.at, actorKind: r!.actorKind, actorId: r!.actorId, action: r!.action, subjectKind: r!.subjectKind, subjectId: r!.subjectId, detail: r!.detail });
    await tamper(async (tx) => {
      await tx.update(auditEvents).set(event(b)).where(eq(auditEvents.seq, 9));
      await tx.update(auditEvents).set(event(a)).where(eq(auditEvents.seq, 10));
    });
    expect(failure(await verify())).toEqual({ kind: 'hash_mismatch', seq: 9 });
  });

  it('history rewritten and every later hash recomputed: only a signed checkpoint shows it', async () => {
    expect(await sealCheckpointIfDue(db, clock, key)).toMatchObject({ size: 20 });
    await tamper(async (tx) => {
      let prev = (await tx.select().from(auditEvents).where(eq(auditEvents.seq, 4)))[0]!.hash;
      for (const row of await tx.select().from(auditEvents).where(sql`${auditEvents.seq} >= 5`).orderBy(asc(auditEvents.seq))) {
        const rewritten = { ...row, detail: row.seq === 5 ? { path: 'forged' } : row.detail };
        const hash = entryHash(prev, rewritten);
        await tx.update(auditEvents).set({ detail: rewritten.detail, prevHash: prev, hash }).where(eq(auditEvents.seq, row.seq));
        prev = hash;
      }
      await tx.update(auditHead).set({ hash: prev });
    });
    expect(failure(await verify())).toEqual({ kind: 'checkpoint_mismatch', seq: 20 });
  });

  it('the last entries cut off (head record moved back): the checkpoint covers more than the log', async () => {
    await sealCheckpointIfDue(db, clock, key);
    await tamper(async (tx) => {
      await tx.delete(auditEvents).where(sql`${auditEvents.seq} > 17`);
      const [last] = await tx.select().from(auditEvents).where(eq(auditEvents.seq, 17));
      await tx.update(auditHead).set({ seq: 17, hash: last!.hash });
    });
    expect(failure(await verify())).toEqual({ kind: 'checkpoint_beyond_log', seq: 18 });
  });

  it('the last entries cut off, head record left: the head does not match', async () => {
    await tamper((tx) => tx.delete(auditEvents).where(sql`${auditEvents.seq} > 17`));
    expect(failure(await verify())).toEqual({ kind: 'head_mismatch', seq: 18 });
  });

  it('a checkpoint signed by another key, or with a changed signature', async () => {
    const other = generateAuditKey().key;
    await sealCheckpointIfDue(db, clock, other);
    expect(failure(await verify())).toEqual({ kind: 'checkpoint_unknown_key', seq: 20 });
    expect(failure(await verifyAuditChain(db, { trustedKeys: [key, other] }))).toEqual({ ok: true });
    await tamper((tx) => tx.update(auditCheckpoints).set({ signature: Buffer.alloc(64, 9) }));
    expect(failure(await verifyAuditChain(db, { trustedKeys: [other] }))).toEqual({ kind: 'checkpoint_signature', seq: 20 });
  });

  it('reads in batches: the same answer one entry at a time', async () => {
    await tamper((tx) => tx.update(auditEvents).set({ action: 'x' }).where(eq(auditEvents.seq, 13)));
    const report = await verifyAuditChain(db, { trustedKeys: [key], batchSize: 1 });
    expect(failure(report)).toEqual({ kind: 'hash_mismatch', seq: 13 });
  });
});

describe('checkpoints', () => {
  it('are due at the first entry, then every 100 entries or 10 minutes', async () => {
    expect(await sealCheckpointIfDue(db, clock, key)).toBeNull(); // empty log
    await append(1);
    const first = await sealCheckpointIfDue(db, clock, key);
    expect(first).toMatchObject({ size: 1, keyId: key.keyId });
    await append(5, 2);
    expect(await sealCheckpointIfDue(db, clock, key)).toBeNull();
    clock.advance(10 * 60_000);
    expect(await sealCheckpointIfDue(db, clock, key)).toMatchObject({ size: 6 });
    await append(CHECKPOINT_EVERY_ENTRIES - 1, 7);
    expect(await sealCheckpointIfDue(db, clock, key)).toBeNull();
    await append(1, 6 + CHECKPOINT_EVERY_ENTRIES);
    expect(await sealCheckpointIfDue(db, clock, key)).toMatchObject({ size: 6 + CHECKPOINT_EVERY_ENTRIES });
    expect(failure(await verify())).toEqual({ ok: true });
  });

  it('are sealed once when several instances race for the same head', async () => {
    await append(3);
    const results = await Promise.all(Array.from({ length: 5 }, () => sealCheckpointIfDue(db, clock, key)));
    // Each either sealed it, found it sealed by another as it wrote, or found nothing left to seal.
    expect(results.every((r) => r === null || r.size === 3)).toBe(true);
    expect(results.some((r) => r?.size === 3)).toBe(true);
    expect(await db.$count(auditCheckpoints)).toBe(1);
  });

  it('are refused over a chain that does not extend the last one', async () => {
    await append(3);
    await sealCheckpointIfDue(db, clock, key);
    await append(3, 4);
    await tamper((tx) => tx.update(auditEvents).set({ action: 'changed' }).where(eq(auditEvents.seq, 5)));
    clock.advance(11 * 60_000);
    const refused = await sealCheckpointIfDue(db, clock, key).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CheckpointRefusedError);
    expect((refused as CheckpointRefusedError).problem).toMatchObject({ kind: 'hash_mismatch', seq: 5 });
    expect(await db.$count(auditCheckpoints)).toBe(1);
  });

  it('are sealed by each process’s sealer: at start, then when due; a broken chain is logged by kind and seq only, never thrown', async () => {
    await append(2);
    const lines: string[] = [];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-sealer-'));
    try {
      const sealer = await createSealer({ db, clock, config: { database: 'pglite', dataDir } }, { checkEveryMs: 3_600_000, log: (l) => lines.push(l) });
      sealer.stop();
      expect(await db.$count(auditCheckpoints)).toBe(1);
      expect((await transparencyView(db)).keys.map((k) => k.kid)).toEqual([sealer.key.keyId]);
      await append(1, 3);
      await tamper((tx) => tx.update(auditEvents).set({ action: 'changed' }).where(eq(auditEvents.seq, 3)));
      clock.advance(11 * 60_000);
      expect(await sealer.tick()).toBeNull();
      expect(lines).toEqual([JSON.stringify({ level: 'error', where: 'audit.checkpoint', code: 'audit.chain_broken', kind: 'hash_mismatch', seq: 3 })]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('are published with the key, and anyone can check the signature with it', async () => {
    await append(4);
    await sealCheckpointIfDue(db, clock, key);
    const view = await transparencyView(db);
    expect(view.entries).toBe(4);
    expect(view.checkpoint).toMatchObject({ size: 4, keyId: key.keyId, signatureValid: true });
    expect(view.checkpoint!.text).toBe(`ARC Mobile audit checkpoint v1\n4\n${view.checkpoint!.head}\n${view.checkpoint!.at.toISOString()}\n`);
    const published = publicKeyFromJwk(view.keys[0]);
    expect(published.keyId).toBe(key.keyId);
    const { verify: check } = await import('node:crypto');
    expect(check(null, Buffer.from(view.checkpoint!.text), published.key, Buffer.from(view.checkpoint!.signature, 'base64'))).toBe(true);
    expect((await transparencyView(db, { size: 3 })).checkpoint).toBeNull();
  });
});

describe('append-only in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of entries and checkpoints, for the owner too', async () => {
    await append(2);
    await sealCheckpointIfDue(db, clock, key);
    const refused = async (statement: ReturnType<typeof sql>) => {
      const error = await db.execute(statement).then(
        () => null,
        (e: unknown) => e as { cause?: { code?: string; message?: string }; code?: string; message?: string },
      );
      expect(error, String(statement.queryChunks)).not.toBeNull();
      const cause = error!.cause ?? error!;
      expect(cause.code).toBe('42501');
      expect(cause.message).toMatch(/append-only/);
    };
    await refused(sql`update audit_events set action = 'x' where seq = 1`);
    await refused(sql`delete from audit_events where seq = 2`);
    await refused(sql`truncate audit_events`);
    await refused(sql`update audit_checkpoints set size = 9`);
    await refused(sql`delete from audit_checkpoints`);
    await refused(sql`delete from audit_keys`);
    expect(failure(await verify())).toEqual({ ok: true });
  });
});

describe.runIf(process.env.DATABASE_URL)('PostgreSQL: the role arc_app', () => {
  it('may start the app, read and append entries, but not change or delete them', async () => {
    const pg = (await import('pg')).default;
    const role = `arc_app_test_${randomUUID().slice(0, 8)}`;
    const password = randomUUID();
    await db.execute(sql.raw(`create role ${role} login password '${password}' in role arc_app`));
    const url = new URL(database.url!);
    url.username = role;
    url.password = password;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { drizzle } = await import('drizzle-orm/node-postgres');
      const asApp = drizzle({ client }) as unknown as Db;
      expect(await recordAudit(asApp, clock, { actor: { kind: 'system' }, action: 'as_arc_app' })).toBe(1);
      expect((await client.query('select count(*)::int as n from audit_events')).rows[0].n).toBe(1);
      for (const statement of ['update audit_events set action = $$x$$', 'delete from audit_events', 'truncate audit_events', 'update audit_checkpoints set size = 1', 'delete from audit_keys']) {
        await expect(client.query(statement), statement).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
      }
      // The app itself starts as arc_app: the migrator's start-up check has nothing to do and may run.
      const { openDatabase } = await import('@/db/client');
      const app = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
      try {
        expect(await recordAudit(app.db, clock, { actor: { kind: 'system' }, action: 'as_arc_app_pool' })).toBe(2);
      } finally {
        await app.close();
      }
    } finally {
      await client.end();
      await db.execute(sql.raw(`drop owned by ${role}`)).catch(() => {});
      await db.execute(sql.raw(`drop role ${role}`)).catch(() => {});
    }
    expect(failure(await verify())).toEqual({ ok: true });
  }, 60_000);
});
