// Counters only, never a person: funnel events per day, locale, campaign
// and enrollment path, incremented in the same transaction as the event.
import { sql } from 'drizzle-orm';
import { bigint, date, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

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
