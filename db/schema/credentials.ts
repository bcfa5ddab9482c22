// Residents' mobile cards as the server knows them: one passkey (WebAuthn)
// and one device key (WebCrypto, kept in the phone's IndexedDB) per card.
// At most one card is active per resident: the database enforces it with a
// partial unique index, so no race between instances can issue two.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './types';
import { residents } from './registry';

export const credentialStatusEnum = pgEnum('credential_status', ['active', 'revoked', 'locked']);

/** The device key's public half, as WebCrypto exports it (JWK, EC P-256). */
export type DevicePublicKeyJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string };

export const credentials = pgTable(
  'credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    /** The WebAuthn credential ID, base64url. */
    credentialId: text('credential_id').notNull(),
    /** COSE public key as the authenticator sent it. */
    publicKey: bytea('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(sql`0`),
    transports: text('transports').array().notNull().default(sql`'{}'::text[]`),
    aaguid: text('aaguid'),
    /** BE flag: the passkey may be synced to other devices. */
    backupEligible: boolean('backup_eligible').notNull(),
    /** BS flag: the passkey is synced (backed up) now. */
    backedUp: boolean('backed_up').notNull(),
    devicePublicKey: jsonb('device_public_key').$type<DevicePublicKeyJwk>().notNull(),
    status: credentialStatusEnum('status').notNull().default('active'),
    /** Index of this card in the published status list (IETF Token Status List). */
    statusIndex: integer('status_index'),
    /** The enrollment that issued it (enrollments.id). */
    enrollmentId: uuid('enrollment_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** replaced (issued on another phone), or another reason code. */
    revokedReason: text('revoked_reason'),
    /** The credential that replaced this one (credentials.id). */
    replacedBy: uuid('replaced_by'),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('credentials_credential_id_key').on(t.credentialId),
    uniqueIndex('credentials_one_active_per_resident').on(t.residentId).where(sql`${t.status} = 'active'`),
    uniqueIndex('credentials_status_index_key').on(t.statusIndex),
    index('credentials_resident_idx').on(t.residentId),
  ],
);

export type Credential = typeof credentials.$inferSelect;
export type NewCredential = typeof credentials.$inferInsert;
export type CredentialStatus = (typeof credentialStatusEnum.enumValues)[number];
