// Counters only, never a person. Funnel events per day, locale, campaign and
// enrollment path; and the adoption rollups the analyst dashboard reads
// (lib/analytics): mobile cards issued, revoked and locked per day and per
// combination of the resident's dimensions, the current stock of active
// cards, the eligible population, and small histograms of waiting times.
// Every counter is written in the transaction of the event it counts.
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';

export const funnelDaily = pgTable(
  'funnel_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    locale: text('locale').notNull(),
    /** Campaign code from a ?c= link, or '' for none. */
    campaign: text('campaign').notNull().default(''),
    /** Enrollment path (chip, office, video, reissue) or '' where it does not apply. */
    path: text('path').notNull().default(''),
    /** guide_viewed, eligibility_answered:<outcome>, enrollment_started, … */
    event: text('event').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(sql`0`),
  },
  (t) => [primaryKey({ columns: [t.day, t.locale, t.campaign, t.path, t.event] })],
);

/**
 * The resident's dimensions the dashboard cuts by. Nationality (ISO 3166-1
 * alpha-2), region, residence status, age band (14-19 … 60+), physical card
 * kind and preferred language come from the registry; campaign ('' for
 * none) and path from the enrollment that issued the card.
 */
const dimensions = {
  nationality: text('nationality').notNull(),
  region: text('region').notNull(),
  residenceStatus: text('residence_status').notNull(),
  ageBand: text('age_band').notNull(),
  cardKind: text('card_kind').notNull(),
  language: text('language').notNull(),
};

/**
 * Mobile-card events per Korean day and full combination of dimensions, up
 * to today. Happened events: issued (+1), revoked (−1), locked (−1).
 * Scheduled events, known at issue (adoption_scheduled until their day):
 * aged_out (−1) and aged_in (+1) when the holder's birthday moves them to
 * the next age band, expired (−1) the day after the physical card's expiry.
 * The active cards on day D of any group are the signed sum of its events
 * up to D.
 */
export const adoptionDaily = pgTable(
  'adoption_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    ...dimensions,
    campaign: text('campaign').notNull().default(''),
    /** chip, office, video, community, reissue. */
    path: text('path').notNull(),
    event: text('event').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(sql`0`),
  },
  (t) => [
    primaryKey({
      name: 'adoption_daily_pkey',
      columns: [t.day, t.nationality, t.region, t.residenceStatus, t.ageBand, t.cardKind, t.language, t.campaign, t.path, t.event],
    }),
    index('adoption_daily_nationality_idx').on(t.nationality, t.day),
    index('adoption_daily_region_idx').on(t.region, t.day),
    index('adoption_daily_status_idx').on(t.residenceStatus, t.day),
    index('adoption_daily_band_idx').on(t.ageBand, t.day),
    index('adoption_daily_language_idx').on(t.language, t.day),
    index('adoption_daily_campaign_idx').on(t.campaign, t.day),
  ],
);

/**
 * Scheduled events not yet due (a future day): written at issue, cancelled
 * by a revocation or lock before their day, and moved into adoption_daily
 * (and the stock) once their day has come (lib/analytics rollAdoptionCalendar).
 */
export const adoptionScheduled = pgTable(
  'adoption_scheduled',
  {
    day: date('day', { mode: 'string' }).notNull(),
    ...dimensions,
    campaign: text('campaign').notNull().default(''),
    path: text('path').notNull(),
    event: text('event').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(sql`0`),
  },
  (t) => [
    primaryKey({
      name: 'adoption_scheduled_pkey',
      columns: [t.day, t.nationality, t.region, t.residenceStatus, t.ageBand, t.cardKind, t.language, t.campaign, t.path, t.event],
    }),
  ],
);

/**
 * adoption_daily summed over every dimension but one (or all): dims names
 * it ('' for the total, 'nationality', …), a holds its value and b is ''
 * (kept for the shape the other marginals share). A daily view filtered on
 * at most one dimension reads a few rows here instead of the combinations.
 */
export const adoptionDailyMarginals = pgTable(
  'adoption_daily_marginals',
  {
    day: date('day', { mode: 'string' }).notNull(),
    dims: text('dims').notNull(),
    a: text('a').notNull(),
    b: text('b').notNull(),
    path: text('path').notNull(),
    event: text('event').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(sql`0`),
  },
  (t) => [
    primaryKey({ name: 'adoption_daily_marginals_pkey', columns: [t.dims, t.a, t.b, t.day, t.path, t.event] }),
    index('adoption_daily_marginals_b_idx').on(t.dims, t.b, t.day),
  ],
);

/** Active mobile cards today per full combination: the signed sum of all of adoption_daily. */
export const adoptionStock = pgTable(
  'adoption_stock',
  {
    ...dimensions,
    campaign: text('campaign').notNull().default(''),
    active: bigint('active', { mode: 'number' }).notNull().default(sql`0`),
  },
  (t) => [
    primaryKey({
      name: 'adoption_stock_pkey',
      columns: [t.nationality, t.region, t.residenceStatus, t.ageBand, t.cardKind, t.language, t.campaign],
    }),
    index('adoption_stock_region_idx').on(t.region),
    index('adoption_stock_status_idx').on(t.residenceStatus),
    index('adoption_stock_band_idx').on(t.ageBand),
    index('adoption_stock_language_idx').on(t.language),
    index('adoption_stock_campaign_idx').on(t.campaign),
  ],
);

/** adoption_stock over at most two dimensions: dims 'nationality+region', a and b their values ('' when unused). */
export const adoptionStockMarginals = pgTable(
  'adoption_stock_marginals',
  {
    dims: text('dims').notNull(),
    a: text('a').notNull(),
    b: text('b').notNull(),
    active: bigint('active', { mode: 'number' }).notNull().default(sql`0`),
  },
  (t) => [primaryKey({ name: 'adoption_stock_marginals_pkey', columns: [t.dims, t.a, t.b] }), index('adoption_stock_marginals_b_idx').on(t.dims, t.b)],
);

/**
 * The denominator: residents eligible for the mobile card (registered, 14 or
 * over, physical card valid) per combination, counted from the registry on
 * one day (settings analytics.population: that day) with the age band of
 * that day. Written again whenever the registry is (re)loaded.
 */
export const adoptionPopulation = pgTable(
  'adoption_population',
  {
    ...dimensions,
    eligible: integer('eligible').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'adoption_population_pkey',
      columns: [t.nationality, t.region, t.residenceStatus, t.ageBand, t.cardKind, t.language],
    }),
    index('adoption_population_region_idx').on(t.region),
    index('adoption_population_status_idx').on(t.residenceStatus),
    index('adoption_population_band_idx').on(t.ageBand),
    index('adoption_population_language_idx').on(t.language),
  ],
);

/** adoption_population over at most two dimensions. */
export const adoptionPopulationMarginals = pgTable(
  'adoption_population_marginals',
  {
    dims: text('dims').notNull(),
    a: text('a').notNull(),
    b: text('b').notNull(),
    eligible: integer('eligible').notNull(),
  },
  (t) => [primaryKey({ name: 'adoption_population_marginals_pkey', columns: [t.dims, t.a, t.b] })],
);

/**
 * Time from the first step to the card, per day of issue, path and the
 * resident's language: a histogram (bucket edges in lib/analytics), from
 * which medians are read approximately.
 */
export const issuanceTimeDaily = pgTable(
  'issuance_time_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    path: text('path').notNull(),
    language: text('language').notNull(),
    bucket: smallint('bucket').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(sql`0`),
  },
  (t) => [primaryKey({ name: 'issuance_time_daily_pkey', columns: [t.day, t.path, t.language, t.bucket] })],
);

/** Booking wait (slot start − booking time) per day of booking, language and slot kind: a histogram. */
export const bookingWaitDaily = pgTable(
  'booking_wait_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    language: text('language').notNull(),
    kind: text('kind').notNull(),
    bucket: smallint('bucket').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(sql`0`),
  },
  (t) => [primaryKey({ name: 'booking_wait_daily_pkey', columns: [t.day, t.language, t.kind, t.bucket] })],
);
