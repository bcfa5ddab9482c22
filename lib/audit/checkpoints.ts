// Signed checkpoints: "the log had `size` entries and its head hash was
// `head` at `at`", signed with the checkpoint key. Once a checkpoint is
// published, a history rewritten below it no longer matches it, even by
// someone who recomputes every hash.
//
// Who writes them: any instance, with no scheduler. Each server process
// checks every CHECKPOINT_CHECK_MS (and once at start) whether one is due —
// CHECKPOINT_EVERY_ENTRIES new entries, or any new entry and
// CHECKPOINT_EVERY_MS since the last — and seals it. Instances racing for
// the same head write it once (the size is the primary key).
import { desc, eq } from 'drizzle-orm';
import { auditCheckpoints, auditHead, auditKeys } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { signWith, verifyWith, publicKeyFromJwk, type AuditKey, type AuditPublicJwk, type AuditPublicKey } from './key';
import { checkpointText } from './chain';
import { verifyAuditRange, type ChainProblem } from './verify';

export const CHECKPOINT_EVERY_ENTRIES = 100;
export const CHECKPOINT_EVERY_MS = 10 * 60_000;
export const CHECKPOINT_CHECK_MS = 15_000;

export type Checkpoint = {
  size: number;
  /** The hash of entry `size`, hex. */
  head: string;
  at: Date;
  keyId: string;
  signature: Buffer;
};

export function checkpointSignatureValid(c: Checkpoint, key: AuditPublicKey): boolean {
  return c.keyId === key.keyId && verifyWith(key, checkpointText(c), c.signature);
}

function fromRow(row: typeof auditCheckpoints.$inferSelect): Checkpoint {
  return { size: row.size, head: row.head.toString('hex'), at: row.at, keyId: row.keyId, signature: row.signature };
}

export async function latestCheckpoint(db: Executor): Promise<Checkpoint | null> {
  const [row] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.size)).limit(1);
  return row ? fromRow(row) : null;
}

export async function checkpointOfSize(db: Executor, size: number): Promise<Checkpoint | null> {
  const [row] = await db.select().from(auditCheckpoints).where(eq(auditCheckpoints.size, size));
  return row ? fromRow(row) : null;
}

/** The chain's current head: how many entries, and the last one's hash. */
export async function auditHeadNow(db: Executor): Promise<{ size: number; head: string }> {
  const [row] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  return { size: row?.seq ?? 0, head: (row?.hash ?? Buffer.alloc(32)).toString('hex') };
}

/** The checkpoint keys' public halves, as recorded when each first signed (the oldest first). */
export async function publishedAuditKeys(db: Executor): Promise<AuditPublicKey[]> {
  const rows = await db.select().from(auditKeys).orderBy(auditKeys.createdAt);
  return rows.map((r) => publicKeyFromJwk(r.publicJwk));
}

/** Records the key's public half (once), so that readers can check what it signs. */
export async function publishAuditKey(db: Executor, clock: Clock, key: AuditKey): Promise<void> {
  await db
    .insert(auditKeys)
    .values({ keyId: key.keyId, publicJwk: key.jwk satisfies AuditPublicJwk, createdAt: clock.now() })
    .onConflictDoNothing();
}

export type CheckpointPolicy = { everyEntries: number; everyMs: number };
export const defaultCheckpointPolicy: CheckpointPolicy = { everyEntries: CHECKPOINT_EVERY_ENTRIES, everyMs: CHECKPOINT_EVERY_MS };

/** The chain does not verify from the last checkpoint: nothing is signed. Carries the first problem. */
export class CheckpointRefusedError extends Error {
  constructor(readonly problem: ChainProblem) {
    super(`not signing a checkpoint: ${problem.message}`);
    this.name = 'CheckpointRefusedError';
  }
}

/**
 * Signs a checkpoint of the current head when one is due (see the policy);
 * returns it, or null when none was due. Before signing, it verifies the
 * entries since the last checkpoint, so a key never vouches for a chain
 * that does not extend the one it vouched for before; a broken chain is
 * refused with CheckpointRefusedError (naming the first bad entry).
 */
export async function sealCheckpointIfDue(
  db: Executor,
  clock: Clock,
  key: AuditKey,
  policy: CheckpointPolicy = defaultCheckpointPolicy,
): Promise<Checkpoint | null> {
  const head = await auditHeadNow(db);
  const last = await latestCheckpoint(db);
  const lastSize = last?.size ?? 0;
  const now = clock.now();
  if (head.size <= lastSize) return null;
  const due = !last || head.size - lastSize >= policy.everyEntries || now.getTime() - last.at.getTime() >= policy.everyMs;
  if (!due) return null;

  const checked = await verifyAuditRange(db, {
    after: last ? { seq: last.size, hash: Buffer.from(last.head, 'hex') } : undefined,
    through: head.size,
  });
  if (!checked.ok) throw new CheckpointRefusedError(checked.problem);
  if (checked.hash.toString('hex') !== head.head) {
    throw new CheckpointRefusedError({
      kind: 'head_mismatch',
      seq: head.size,
      message: `the head record says entry ${head.size} hashes to ${head.head}, but the entry's hash is ${checked.hash.toString('hex')}`,
    });
  }

  await publishAuditKey(db, clock, key);
  // Never earlier than the last checkpoint, even if this instance's clock is behind.
  const at = last && last.at > now ? last.at : now;
  const checkpoint: Checkpoint = { size: head.size, head: head.head, at, keyId: key.keyId, signature: Buffer.alloc(0) };
  checkpoint.signature = signWith(key, checkpointText(checkpoint));
  const inserted = await db
    .insert(auditCheckpoints)
    .values({ size: checkpoint.size, head: Buffer.from(checkpoint.head, 'hex'), at, keyId: key.keyId, signature: checkpoint.signature })
    .onConflictDoNothing()
    .returning({ size: auditCheckpoints.size });
  // Another instance sealed this very head first: theirs stands.
  return inserted.length ? checkpoint : checkpointOfSize(db, head.size);
}
