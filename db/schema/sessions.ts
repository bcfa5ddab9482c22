// Sessions of staff and residents live in the database, not in memory, so
// any instance behind the load balancer can read them. The row's id is the
// SHA-256 of the opaque token in the cookie: a copy of this table signs no
// one in.
import { index, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const sessionKindEnum = pgEnum('session_kind', ['staff', 'resident']);

export const sessions = pgTable(
  'sessions',
  {
    /** hex SHA-256 of the token the browser holds. */
    id: text('id').primaryKey(),
    kind: sessionKindEnum('kind').notNull(),
    /** staff.id or residents.id (as text). */
    subjectId: text('subject_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_subject_idx').on(t.kind, t.subjectId), index('sessions_expires_idx').on(t.expiresAt)],
);

export type SessionRow = typeof sessions.$inferSelect;
