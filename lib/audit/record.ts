// Appends one entry to the chain, inside the caller's transaction.
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor, Tx } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { canonicalAroundSeq, storedDetail } from './chain';

export type AuditActor = { kind: 'resident' | 'staff' | 'system' | 'anonymous'; id?: string | number | null };

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  subject?: { kind: string; id: string | number };
  /** Never personal data: ids, codes, paths, reasons. */
  detail?: Record<string, unknown>;
};

/**
 * Appends an entry and returns its sequence number. Call it inside the
 * transaction of the change it records: the entry, its hash and the new
 * head commit with the change or not at all.
 *
 * It locks the head row (FOR UPDATE) until that transaction ends, so
 * appends are serialised: two transactions can never chain onto the same
 * entry, and seq has no gaps (a rolled-back append gives its number back).
 * Later appends wait for the commit, so call it late in a transaction when
 * you can. Given the database rather than a transaction, it opens its own.
 */
export async function recordAudit(tx: Executor, clock: Clock, entry: AuditEntry): Promise<number> {
  if (tx instanceof PgTransaction) return append(tx as Tx, clock, entry);
  return tx.transaction((own) => append(own as Tx, clock, entry));
}

async function append(tx: Tx, clock: Clock, entry: AuditEntry): Promise<number> {
  const fields = {
    at: clock.now(),
    actorKind: entry.actor.kind,
    actorId: entry.actor.id == null ? null : String(entry.actor.id),
    action: entry.action,
    subjectKind: entry.subject?.kind ?? null,
    subjectId: entry.subject == null ? null : String(entry.subject.id),
    detail: storedDetail(entry.detail),
  };
  // One statement, one round trip while the head is locked: lock the head,
  // take the next seq, hash SHA-256(prev ‖ canonical form) with that seq
  // (the canonical form is made here, around the seq; lib/audit/chain.ts),
  // insert the entry and move the head.
  const { before, after } = canonicalAroundSeq(fields);
  const result = await tx.execute(sql`
    with head as (
      select seq + 1 as seq, hash as prev from audit_head where id = 1 for update
    ), entry as (
      insert into audit_events (seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail, prev_hash, hash)
      select seq, ${fields.at.toISOString()}::timestamptz, ${fields.actorKind}, ${fields.actorId}, ${fields.action},
        ${fields.subjectKind}, ${fields.subjectId}, ${JSON.stringify(fields.detail)}::jsonb, prev,
        sha256(prev || convert_to(${before} || seq::text || ${after}, 'UTF8'))
      from head
      returning seq, hash
    )
    update audit_head set seq = entry.seq, hash = entry.hash from entry where audit_head.id = 1
    returning entry.seq as seq`);
  const row = (result as unknown as { rows: { seq: number | string }[] }).rows[0];
  if (!row) throw new Error('audit_head has no row: the audit chain migration has not run');
  return Number(row.seq);
}
