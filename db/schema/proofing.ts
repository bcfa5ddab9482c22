// Enrollment grants: what an officer hands a legacy-card resident after
// checking them against their card, in person (path 'office') or by video
// (path 'video'). The resident's phone claims the grant with the long code
// in the QR or the short code typed from under it; both are stored only as
// SHA-256 hashes. Single use, short-lived.
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './types';
import { residents } from './registry';
import { staff } from './staff';

export const grantPathEnum = pgEnum('grant_path', ['office', 'video']);

export const enrollmentGrants = pgTable(
  'enrollment_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    path: grantPathEnum('path').notNull(),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => staff.id),
    /** SHA-256 of the 256-bit base64url code in the QR. */
    codeHash: bytea('code_hash').notNull(),
    /** SHA-256 of the normalised short code printed under the QR. */
    shortCodeHash: bytea('short_code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** The enrollment that claimed the grant (an enrollments id, as text). */
    claimedBy: text('claimed_by'),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('enrollment_grants_code_hash_key').on(t.codeHash),
    uniqueIndex('enrollment_grants_short_code_hash_key').on(t.shortCodeHash),
    index('enrollment_grants_resident_idx').on(t.residentId),
  ],
);

/**
 * Wrong short-code tries, counted in the database (so every instance sees
 * them): per claimant and one global bucket, in fixed windows.
 */
export const grantClaimFailures = pgTable('grant_claim_failures', {
  /** 'enrollment:<id>' or 'global'. */
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  failures: integer('failures').notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

export type EnrollmentGrant = typeof enrollmentGrants.$inferSelect;
export type GrantPath = (typeof grantPathEnum.enumValues)[number];
