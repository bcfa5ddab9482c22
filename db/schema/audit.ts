// The audit log: append-only. Every state change that matters writes one
// entry in the same transaction as the change. (The hardening issue chains
// the entries by hash; the columns it needs can be added then.)
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
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
  },
  (t) => [index('audit_events_subject_idx').on(t.subjectKind, t.subjectId)],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
