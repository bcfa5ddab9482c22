// Outreach: partner organisations (community associations and embassies),
// the staff accounts that act for them, their campaigns (each with a short
// code for its printed link) and their requests for a community day. An
// organisation's name is its public name, not personal data; the free-text
// note of a request may name a contact, so it is stored sealed.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './types';
import { staff } from './staff';
import { slots } from './booking';

export const partnerKindEnum = pgEnum('partner_kind', ['association', 'embassy']);
export const campaignChannelEnum = pgEnum('campaign_channel', ['poster', 'social', 'event', 'embassy_notice']);
export const communityDayStatusEnum = pgEnum('community_day_status', ['requested', 'scheduled', 'declined']);

export const partners = pgTable('partners', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: partnerKindEnum('kind').notNull(),
  /** The organisation's public name, as it signs its posters. */
  name: text('name').notNull(),
  /** The region (시도) it serves: the population's region codes (gyeonggi, seoul, …). */
  region: text('region').notNull(),
  /** Locale codes of the communities it speaks to. */
  languages: text('languages').array().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * Which partner organisation a partner account acts for. A join table
 * rather than a column on staff: staff stays outreach-free, and the primary
 * key on staff_id holds "one organisation per account".
 */
export const partnerMembers = pgTable(
  'partner_members',
  {
    staffId: uuid('staff_id')
      .primaryKey()
      .references(() => staff.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('partner_members_partner_idx').on(t.partnerId)],
);

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    /** The short code of the printed link (/c/<code>) and of funnel_daily.campaign. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Locale codes of its posters, the first one the link's fallback language. */
    languages: text('languages').array().notNull(),
    channel: campaignChannelEnum('channel').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('campaigns_code_key').on(t.code),
    index('campaigns_partner_idx').on(t.partnerId, t.createdAt),
    check('campaigns_code_shape', sql`${t.code} ~ '^[A-Za-z0-9_-]{1,32}$'`),
  ],
);

export const communityDayRequests = pgTable(
  'community_day_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    /** The venue's public name (a community centre, a church hall, the embassy). */
    venue: text('venue').notNull(),
    address: text('address').notNull(),
    /** Days the partner could host (Korean calendar days, YYYY-MM-DD). */
    preferredDates: date('preferred_dates', { mode: 'string' }).array().notNull(),
    languages: text('languages').array().notNull(),
    expectedPeople: integer('expected_people').notNull(),
    /** Sealed (AES-256-GCM): a note may name a contact person. */
    noteEnc: bytea('note_enc'),
    status: communityDayStatusEnum('status').notNull().default('requested'),
    /** The published community-day slot, once scheduled. */
    slotId: uuid('slot_id').references(() => slots.id),
    requestedBy: uuid('requested_by').references(() => staff.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => staff.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('community_day_requests_partner_idx').on(t.partnerId, t.createdAt),
    index('community_day_requests_status_idx').on(t.status, t.createdAt),
    check('community_day_requests_people', sql`${t.expectedPeople} between 1 and 5000`),
  ],
);

export type Partner = typeof partners.$inferSelect;
export type PartnerKind = (typeof partnerKindEnum.enumValues)[number];
export type Campaign = typeof campaigns.$inferSelect;
export type CampaignChannel = (typeof campaignChannelEnum.enumValues)[number];
export type CommunityDayRequest = typeof communityDayRequests.$inferSelect;
export type CommunityDayStatus = (typeof communityDayStatusEnum.enumValues)[number];
