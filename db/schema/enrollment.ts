// Enrollments: one resident getting (or getting again) the mobile card on
// one phone, step by step. The state lives here, not in the browser or in
// memory, so a resident can leave and come back and any instance can serve
// the next step. The browser holds only an opaque token (cookie arc_enroll)
// whose SHA-256 is session_hash.
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './types';
import { cards, residents } from './registry';
import { credentials } from './credentials';
import { enrollmentGrants } from './proofing';

/** chip: self-service with an IC card; office / video: an officer's grant; reissue: a chip holder again. */
export const enrollmentPathEnum = pgEnum('enrollment_path', ['chip', 'office', 'video', 'reissue']);

export const enrollments = pgTable(
  'enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionHash: bytea('session_hash').notNull(),
    path: enrollmentPathEnum('path').notNull(),
    /** The step the resident is on (lib/enrollment/flow.ts names them). */
    step: text('step').notNull(),
    residentId: integer('resident_id').references(() => residents.id, { onDelete: 'cascade' }),
    cardId: integer('card_id').references(() => cards.id, { onDelete: 'cascade' }),
    grantId: uuid('grant_id').references(() => enrollmentGrants.id),
    locale: text('locale').notNull(),
    /** Campaign code from the visit cookie, or '' for none. */
    campaign: text('campaign').notNull().default(''),
    /** Wrong registration number / serial / birth date combinations on this enrollment. */
    identifyFailures: integer('identify_failures').notNull().default(0),
    smsVerifiedAt: timestamp('sms_verified_at', { withTimezone: true }),
    chipVerifiedAt: timestamp('chip_verified_at', { withTimezone: true }),
    credentialId: uuid('credential_id').references(() => credentials.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('enrollments_session_hash_key').on(t.sessionHash),
    index('enrollments_resident_idx').on(t.residentId),
  ],
);

export type Enrollment = typeof enrollments.$inferSelect;
export type EnrollmentPath = (typeof enrollmentPathEnum.enumValues)[number];
