// WebAuthn challenges live in the database, not in memory, so a ceremony
// may start on one instance and finish on another. Single use, short-lived.
import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const challengePurposeEnum = pgEnum('challenge_purpose', [
  'resident_registration',
  'resident_authentication',
  'staff_registration',
  'staff_authentication',
  'chip_proof',
]);

export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** base64url, as sent to the browser. */
    challenge: text('challenge').notNull().unique(),
    purpose: challengePurposeEnum('purpose').notNull(),
    /** What the challenge is bound to: an enrollment id, a staff id, a session. */
    subject: text('subject').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('webauthn_challenges_expires_idx').on(t.expiresAt)],
);
