// Identity-proofing appointments: officers publish slots (a video call, an
// office visit, or a community day at a partner's venue), residents book a
// seat. The database holds the seat count: `booked` can never pass
// `capacity` (a CHECK), every booking takes its seat with one conditional
// UPDATE, and a resident holds at most one live booking (a partial unique
// index) — so no race between requests or instances can double-book.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './types';
import { residents } from './registry';
import { staff } from './staff';

export const slotKindEnum = pgEnum('slot_kind', ['video', 'office', 'community']);

export const slots = pgTable(
  'slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: slotKindEnum('kind').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    minutes: integer('minutes').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(sql`0`),
    /** Locale codes the officer (or the interpreter) speaks in this slot. */
    languages: text('languages').array().notNull(),
    /** An interpreter can be called in for other languages. */
    interpreter: boolean('interpreter').notNull().default(false),
    /** Office visits: the office's key (lib/guidance offices); community days: the venue as the host wrote it. Null for video. */
    place: text('place'),
    /** Community days: the hosting association or embassy (its name as published). */
    host: text('host'),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    check('slots_capacity_range', sql`${t.capacity} between 1 and 100`),
    check('slots_minutes_range', sql`${t.minutes} between 5 and 480`),
    check('slots_seats', sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
    index('slots_kind_start_idx').on(t.kind, t.startsAt),
  ],
);

export const bookingStatusEnum = pgEnum('booking_status', ['booked', 'cancelled', 'completed', 'no_show']);

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What the resident reads to staff, e.g. "B-7K3P-9QX2". */
    reference: text('reference').notNull(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => slots.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    status: bookingStatusEnum('status').notNull().default('booked'),
    /** The language the resident chose: the booking's pages, SMS and calendar file speak it. */
    locale: text('locale').notNull(),
    /** SHA-256 of the secret in the booking's own link (manage, join the call). */
    secretHash: bytea('secret_hash').notNull(),
    /** The earlier booking this one replaced (a reschedule). */
    rescheduledFrom: uuid('rescheduled_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('bookings_reference_key').on(t.reference),
    uniqueIndex('bookings_secret_hash_key').on(t.secretHash),
    uniqueIndex('bookings_one_live_per_resident').on(t.residentId).where(sql`${t.status} = 'booked'`),
    index('bookings_slot_idx').on(t.slotId),
  ],
);

export const proofingOutcomeEnum = pgEnum('proofing_outcome', ['approved', 'rejected', 'no_show']);

/** One identity check of a booking: by video, or in person at an office or community day. */
export const proofingSessions = pgTable(
  'proofing_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => staff.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    residentJoinedAt: timestamp('resident_joined_at', { withTimezone: true }),
    /** The second channel: SHA-256 of the one-time code sent by SMS to the phone on record, its tries, when it matched. */
    smsCodeHash: bytea('sms_code_hash'),
    smsCodeSentAt: timestamp('sms_code_sent_at', { withTimezone: true }),
    smsCodeAttempts: integer('sms_code_attempts').notNull().default(sql`0`),
    smsCodeConfirmedAt: timestamp('sms_code_confirmed_at', { withTimezone: true }),
    /** The liveness prompts the app chose at random, e.g. [{kind:"turn_head", side:"left"}, {kind:"fingers", count:3}]. */
    liveness: jsonb('liveness').$type<Array<Record<string, string | number>>>().notNull(),
    /** What the officer ticked: card front/back/tilt, serial read aloud, face matches, liveness done, code confirmed. */
    checklist: jsonb('checklist').$type<Record<string, boolean>>().notNull().default({}),
    /** The resident agreed that stills of the face and card may be kept (until purgeStillsAfter). */
    stillsConsent: boolean('stills_consent').notNull().default(false),
    fraudSuspected: boolean('fraud_suspected').notNull().default(false),
    fraudReason: text('fraud_reason'),
    outcome: proofingOutcomeEnum('outcome'),
    /** A reason code the resident reads in their language (rejections). */
    reasonCode: text('reason_code'),
    /** The enrollment grant an approval made (enrollment_grants.id). */
    grantId: uuid('grant_id'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('proofing_sessions_booking_key').on(t.bookingId)],
);

/** Stills taken during a video check with the resident's consent, encrypted, purged after their period. */
export const proofingStills = pgTable(
  'proofing_stills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => proofingSessions.id, { onDelete: 'cascade' }),
    /** face | card_front | card_back */
    kind: text('kind').notNull(),
    /** AES-256-GCM of the JPEG. */
    imageEnc: bytea('image_enc').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
    purgeAfter: timestamp('purge_after', { withTimezone: true }).notNull(),
  },
  (t) => [index('proofing_stills_purge_idx').on(t.purgeAfter)],
);

/** WebRTC signalling between the two browsers of a session, through the database so any instance can relay it. */
export const sessionSignals = pgTable(
  'session_signals',
  {
    seq: integer('seq').primaryKey().generatedAlwaysAsIdentity(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => proofingSessions.id, { onDelete: 'cascade' }),
    /** resident | officer: who sent it. */
    sender: text('sender').notNull(),
    /** offer | answer | candidate | bye */
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('session_signals_session_idx').on(t.sessionId, t.seq)],
);

export type Slot = typeof slots.$inferSelect;
export type SlotKind = (typeof slotKindEnum.enumValues)[number];
export type Booking = typeof bookings.$inferSelect;
export type BookingStatus = (typeof bookingStatusEnum.enumValues)[number];
export type ProofingSession = typeof proofingSessions.$inferSelect;
export type ProofingOutcome = (typeof proofingOutcomeEnum.enumValues)[number];
