// audit_verify_1m_s: seconds `npm run audit:verify`'s check takes over a
// log of 1,000,000 entries (every hash recomputed from entry 1, read in
// batches of 5,000, 10,000 signed checkpoints checked), on PGlite in memory
// and, when DATABASE_URL is set, on PostgreSQL. Also reported: how fast
// the log was filled, and what one append costs inside a transaction.
// ARC_BENCH_AUDIT_ENTRIES sets another size.
import { sql } from 'drizzle-orm';
import { auditCheckpoints, auditHead } from '@/db/schema';
import { openDatabase } from '@/db/client';
import { openTestDatabase, serverDatabaseUrl } from '@/lib/context/testing';
import { fixedClock } from '@/lib/clock';
import { GENESIS_HASH, checkpointText, entryHash, recordAudit, verifyAuditChain } from '@/lib/audit';
import { generateAuditKeyForBench } from './audit-key';
import { registerFigure, type FigureResult } from './registry';

const ENTRIES = Number(process.env.ARC_BENCH_AUDIT_ENTRIES ?? 1_000_000);
const BATCH = 5000;
const CHECKPOINT_EVERY = 100;
const ACTIONS = ['credential.issued', 'enrollment.step_done', 'staff.signed_in', 'credential.locked', 'proofing.outcome'];

async function measure(kind: 'pglite' | 'postgres'): Promise<FigureResult> {
  const database = kind === 'pglite' ? await openDatabase({ kind: 'pglite-memory' }) : await openTestDatabase();
  try {
    const { db } = database;
    const key = generateAuditKeyForBench();
    const start = new Date('2026-01-01T00:00:00Z').getTime();
    let prev: Buffer = GENESIS_HASH;
    const filled = performance.now();
    for (let from = 1; from <= ENTRIES; from += BATCH) {
      const rows = [];
      const checkpoints = [];
      for (let seq = from; seq < Math.min(from + BATCH, ENTRIES + 1); seq++) {
        const fields = {
          seq,
          at: new Date(start + seq * 1000),
          actorKind: seq % 7 ? 'resident' : 'staff',
          actorId: String(seq % 50_000),
          action: ACTIONS[seq % ACTIONS.length]!,
          subjectKind: 'credential',
          subjectId: `c-${seq}`,
          detail: { path: seq % 2 ? 'chip' : 'office', step: seq % 9, reason: null },
        };
        const hash = entryHash(prev, fields);
        rows.push({ ...fields, prevHash: prev, hash });
        prev = hash;
        if (seq % CHECKPOINT_EVERY === 0) {
          const c = { size: seq, head: hash.toString('hex'), at: fields.at };
          checkpoints.push({ size: seq, head: hash, at: fields.at, keyId: key.keyId, signature: key.sign(checkpointText(c)) });
        }
      }
      // One JSON parameter per batch: far less protocol work than 10 parameters a row.
      await db.execute(sql`
        insert into audit_events (seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail, prev_hash, hash)
        select seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail, decode(prev_hash, 'hex'), decode(hash, 'hex')
        from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({
          seq: r.seq,
          at: r.at.toISOString(),
          actor_kind: r.actorKind,
          actor_id: r.actorId,
          action: r.action,
          subject_kind: r.subjectKind,
          subject_id: r.subjectId,
          detail: r.detail,
          prev_hash: r.prevHash.toString('hex'),
          hash: r.hash.toString('hex'),
        })))}::jsonb) as x(seq bigint, at timestamptz, actor_kind text, actor_id text, action text, subject_kind text, subject_id text, detail jsonb, prev_hash text, hash text)`);
      if (checkpoints.length) await db.insert(auditCheckpoints).values(checkpoints);
    }
    await db.update(auditHead).set({ seq: ENTRIES, hash: prev }).where(sql`id = 1`);
    const fillS = (performance.now() - filled) / 1000;

    const report = await verifyAuditChain(db, { trustedKeys: [key] });
    if (!report.ok) throw new Error(`the bench's own log does not verify: ${report.problem.message}`);

    // One append inside a transaction, after a million entries (the head is one row; the size does not matter).
    const clock = fixedClock('2026-06-01T00:00:00Z');
    const appends: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await db.transaction((tx) => recordAudit(tx, clock, { actor: { kind: 'system' }, action: 'bench.append', detail: { i } }));
      appends.push(performance.now() - t0);
    }
    appends.sort((a, b) => a - b);
    return {
      value: Number((report.ms / 1000).toFixed(2)),
      database: kind,
      entries: report.entries,
      checkpoints: report.checkpoints,
      entries_per_s: Math.round(report.entries / (report.ms / 1000)),
      batch: 5000,
      fill_s: Number(fillS.toFixed(1)),
      append_tx_p50_ms: Number(appends[100]!.toFixed(2)),
      append_tx_p95_ms: Number(appends[190]!.toFixed(2)),
    };
  } finally {
    await database.close();
  }
}

registerFigure({
  name: 'audit_verify_1m_s',
  unit: 's',
  description: `audit:verify over ${ENTRIES.toLocaleString('en')} entries and ${(ENTRIES / CHECKPOINT_EVERY).toLocaleString('en')} signed checkpoints (PGlite; PostgreSQL too with DATABASE_URL)`,
  async run() {
    const results = [await measure('pglite')];
    if (serverDatabaseUrl()) results.push(await measure('postgres'));
    return results;
  },
});
