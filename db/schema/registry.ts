// The ministry's registry of registered foreigners and their physical cards,
// as ARC Mobile sees it. Names, registration numbers and phone numbers are
// stored only encrypted (AES-256-GCM, see lib/security/crypto.ts); the
// registration number is found by its keyed hash.
import { sql } from 'drizzle-orm';
import { bytea } from './types';
import { check, date, index, integer, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const sexEnum = pgEnum('sex', ['F', 'M']);
export const cardKindEnum = pgEnum('card_kind', ['chip', 'legacy']);

export const residents = pgTable(
  'residents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** HMAC-SHA256 of the normalised registration number: the lookup key. */
    registrationHash: bytea('registration_hash').notNull(),
    registrationNumberEnc: bytea('registration_number_enc').notNull(),
    nameEnc: bytea('name_enc').notNull(),
    phoneEnc: bytea('phone_enc').notNull(),
    /** ISO 3166-1 alpha-2. */
    nationality: text('nationality').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: sexEnum('sex').notNull(),
    /** Residence status (visa) code, e.g. E-9, F-5. */
    residenceStatus: text('residence_status').notNull(),
    region: text('region').notNull(),
    preferredLanguage: text('preferred_language').notNull(),
    registeredAt: date('registered_at', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('residents_registration_hash_key').on(t.registrationHash),
    index('residents_nationality_idx').on(t.nationality),
  ],
);

export const cards = pgTable(
  'cards',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    serial: text('serial').notNull(),
    kind: cardKindEnum('kind').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    /** For chip cards: the chip's P-256 public key, SPKI DER. */
    chipPublicKey: bytea('chip_public_key'),
    /** A replaced or cancelled card stays for history; only one is current. */
    replacedAt: timestamp('replaced_at', { withTimezone: true }),
    version: smallint('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('cards_serial_key').on(t.serial),
    uniqueIndex('cards_one_current_per_resident').on(t.residentId).where(sql`${t.replacedAt} is null`),
    check('cards_chip_has_key', sql`(${t.kind} = 'chip') = (${t.chipPublicKey} is not null)`),
  ],
);

export type Resident = typeof residents.$inferSelect;
export type NewResident = typeof residents.$inferInsert;
export type Card = typeof cards.$inferSelect;
export type NewCard = typeof cards.$inferInsert;
