// The audit log: append-only and hash-chained. Every state change that
// matters writes one entry in the same transaction as the change; each
// entry's hash covers the previous entry's hash and the entry itself
// (lib/audit/chain.ts), so no old entry can be changed or removed without
// every later hash changing. Signed checkpoints commit to the chain's head.
// The migration forbids UPDATE, DELETE and TRUNCATE on entries and
// checkpoints (a trigger) and grants the role arc_app only INSERT and SELECT.
import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './types';

export const auditEvents = pgTable(
  'audit_events',
  {
    /** 1, 2, 3 … without gaps, in the order of the chain (given under the head's lock, not by a sequence). */
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** resident | staff | system | anonymous */
    actorKind: text('actor_kind').notNull(),
    /** Internal id of the actor (never a name or registration number). */
    actorId: text('actor_id'),
    /** e.g. enrollment.started, credential.issued, credential.revoked, staff.signed_in */
    action: text('action').notNull(),
    subjectKind: text('subject_kind'),
    subjectId: text('subject_id'),
    /** Non-personal details: path, reason codes, ids. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    /** The previous entry's hash (32 zero bytes for entry 1). */
    prevHash: bytea('prev_hash').notNull(),
    /** SHA-256(prev_hash ‖ canonical form of this entry). */
    hash: bytea('hash').notNull(),
  },
  (t) => [index('audit_events_subject_idx').on(t.subjectKind, t.subjectId)],
);

/**
 * The chain's head: one row, locked FOR UPDATE by every append inside the
 * caller's transaction, so two transactions never chain onto the same entry.
 */
export const auditHead = pgTable(
  'audit_head',
  {
    id: smallint('id').primaryKey().default(1),
    /** The last entry's seq (0: no entry yet). */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** The last entry's hash (32 zero bytes: no entry yet). */
    hash: bytea('hash').notNull(),
  },
  (t) => [check('audit_head_one_row', sql`${t.id} = 1`)],
);

/** Signed statements "the log had `size` entries and its head was `head` at `at`". */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  /** The number of entries covered: the seq of the head it signs. */
  size: bigint('size', { mode: 'number' }).primaryKey(),
  head: bytea('head').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  /** The checkpoint key's id (RFC 7638 thumbprint of its public JWK). */
  keyId: text('key_id').notNull(),
  /** Ed25519 over the checkpoint's text (lib/audit/checkpoints.ts). */
  signature: bytea('signature').notNull(),
});

/** The public halves of the checkpoint keys, so that anyone can check old checkpoints after a key changes. */
export const auditKeys = pgTable('audit_keys', {
  keyId: text('key_id').primaryKey(),
  /** The public key as a JWK: {kty: "OKP", crv: "Ed25519", x}. */
  publicJwk: jsonb('public_jwk').$type<{ kty: 'OKP'; crv: 'Ed25519'; x: string }>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export type AuditEvent = typeof auditEvents.$inferSelect;
export type AuditCheckpoint = typeof auditCheckpoints.$inferSelect;
