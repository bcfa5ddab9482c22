// Presentation: the issuer's signing keys (public halves only; private keys
// live in configuration or the data directory), the published status lists
// (IETF Token Status List) with one entry per issued card, and the requests
// a verifier makes ("verifier asks").
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './types';

/** An EC P-256 public key as JWK, with its key id. */
export type PublicSigningJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid: string; alg: 'ES256'; use: 'sig' };

export const signingKeys = pgTable('signing_keys', {
  /** Derived from the RFC 7638 thumbprint of the public key. */
  kid: text('kid').primaryKey(),
  publicJwk: jsonb('public_jwk').$type<PublicSigningJwk>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** Set when a newer key became current; the key stays published until its last tokens expired. */
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

export const statusLists = pgTable('status_lists', {
  /** The list's number in its URL: /api/status-lists/<id>. */
  id: integer('id').primaryKey(),
  /** Entries in the list (indexes 0 … size-1). */
  size: integer('size').notNull(),
  /** Bits per entry: 2 (valid, invalid, suspended). */
  bits: smallint('bits').notNull(),
  /** Entries handed out so far; a list stops taking new cards when half full, so random picks rarely collide. */
  allocated: integer('allocated').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const statusEntries = pgTable(
  'status_entries',
  {
    listId: integer('list_id')
      .notNull()
      .references(() => statusLists.id),
    idx: integer('idx').notNull(),
    /** IETF Token Status List values: 0 valid, 1 invalid, 2 suspended. */
    status: smallint('status').notNull().default(0),
    /** Why the card is no longer valid: replaced (reissued on another phone), revoked, lost, … */
    reason: text('reason'),
    allocatedAt: timestamp('allocated_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.idx] }),
    // The cached view loads only the entries that are not valid.
    index('status_entries_not_valid_idx').on(t.listId).where(sql`${t.status} <> 0`),
    check('status_entries_status_known', sql`${t.status} in (0, 1, 2)`),
  ],
);

export const presentationProfileEnum = pgEnum('presentation_profile', ['full', 'identity', 'age19']);
export const presentationRequestStateEnum = pgEnum('presentation_request_state', ['pending', 'approved', 'declined']);

export const presentationRequests = pgTable(
  'presentation_requests',
  {
    /** Random, 128 bits, base64url: in the QR the holder scans. */
    id: text('id').primaryKey(),
    /** SHA-256 (hex) of the secret only the verifier's page holds: it alone may read the answer. */
    pollSecretHash: text('poll_secret_hash').notNull(),
    profile: presentationProfileEnum('profile').notNull(),
    /** What the verifier typed: a shop's or office's name, shown to the holder. */
    verifierName: text('verifier_name').notNull(),
    state: presentationRequestStateEnum('state').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** The signed answer, encrypted at rest (it holds personal data); cleared once read or expired. */
    resultTokenEnc: bytea('result_token_enc'),
  },
  (t) => [index('presentation_requests_expires_idx').on(t.expiresAt)],
);

export type SigningKeyRow = typeof signingKeys.$inferSelect;
export type StatusEntry = typeof statusEntries.$inferSelect;
export type PresentationRequest = typeof presentationRequests.$inferSelect;
export type PresentationProfile = (typeof presentationProfileEnum.enumValues)[number];
