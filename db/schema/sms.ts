// One-time SMS codes for enrollment (stored only as a keyed hash), the
// per-resident count of wrong codes (5 wrong, then a 15-minute wait), and
// the outbox of the SMS simulator that the demo's dev inbox page shows.
import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './types';
import { residents } from './registry';
import { enrollments } from './enrollment';

export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    /** HMAC-SHA256 (lookup key) of enrollment id + code. */
    codeHash: bytea('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when a newer code replaces it, or when it is used. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
  },
  (t) => [index('sms_codes_enrollment_idx').on(t.enrollmentId)],
);

/** Wrong SMS codes per resident, across enrollments and instances. */
export const smsCodeFailures = pgTable('sms_code_failures', {
  residentId: integer('resident_id')
    .primaryKey()
    .references(() => residents.id, { onDelete: 'cascade' }),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** What the SMS simulator "sent". Demo databases only show it (dev inbox). */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The phone number, encrypted like every phone number. */
    toEnc: bytea('to_enc').notNull(),
    /** e.g. 010-****-5678: what the inbox and the log show. */
    toMasked: text('to_masked').notNull(),
    body: text('body').notNull(),
    locale: text('locale').notNull(),
  },
  (t) => [index('sms_outbox_at_idx').on(t.at)],
);

export type SmsCode = typeof smsCodes.$inferSelect;
export type SmsOutboxRow = typeof smsOutbox.$inferSelect;
