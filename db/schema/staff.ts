// Staff accounts (officers, analysts, partners, admins), their passkeys and
// the one-time invitations by which an admin brings them in. A staff
// member's name and login handle are personal data: stored encrypted, the
// handle found by its keyed hash.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './types';

export const staffRoleEnum = pgEnum('staff_role', ['officer', 'analyst', 'partner', 'admin']);
/** invited: has an open invitation and no passkey yet; disabled: can no longer sign in. */
export const staffStatusEnum = pgEnum('staff_status', ['invited', 'active', 'disabled']);

export const staff = pgTable(
  'staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    role: staffRoleEnum('role').notNull(),
    status: staffStatusEnum('status').notNull(),
    /** HMAC-SHA256 (lookup key) of the lower-cased login handle. */
    handleHash: bytea('handle_hash').notNull(),
    handleEnc: bytea('handle_enc').notNull(),
    displayNameEnc: bytea('display_name_enc').notNull(),
    /** The WebAuthn user handle: 32 random bytes, never personal data. */
    webauthnUserId: bytea('webauthn_user_id').notNull(),
    /** Demo accounts, seeded for the demo database only. */
    demo: boolean('demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('staff_handle_hash_key').on(t.handleHash),
    uniqueIndex('staff_webauthn_user_id_key').on(t.webauthnUserId),
  ],
);

export const staffCredentials = pgTable(
  'staff_credentials',
  {
    /** The credential ID, base64url. */
    id: text('id').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    /** COSE public key as the authenticator sent it. */
    publicKey: bytea('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(sql`0`),
    transports: text('transports').array().notNull().default(sql`'{}'::text[]`),
    backupEligible: boolean('backup_eligible').notNull(),
    backedUp: boolean('backed_up').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('staff_credentials_staff_idx').on(t.staffId)],
);

export const staffInvites = pgTable(
  'staff_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 of the one-time token in the invitation link. */
    tokenHash: bytea('token_hash').notNull(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('staff_invites_token_hash_key').on(t.tokenHash), index('staff_invites_staff_idx').on(t.staffId)],
);

export type Staff = typeof staff.$inferSelect;
export type StaffRole = (typeof staffRoleEnum.enumValues)[number];
export type StaffCredential = typeof staffCredentials.$inferSelect;
export type StaffInvite = typeof staffInvites.$inferSelect;
