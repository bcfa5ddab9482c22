// Loss reports: a resident (from any device, without the lost phone) or an
// officer (on the phone or at a counter) reports the card lost; every active
// credential of that resident locks in the same transaction. A report is
// kept whether or not the details matched (the answer must not tell), with
// the resident only when they did. Never personal data in clear.
import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { residents } from './registry';
import { staff } from './staff';

export const lossChannelEnum = pgEnum('loss_channel', ['online', 'officer']);

export const lossReports = pgTable(
  'loss_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What the resident is told, e.g. "L-7K3P-9QX2": the same shape whether or not the details matched. */
    reference: text('reference').notNull(),
    /** The resident, when the details matched a card on record; null otherwise. */
    residentId: integer('resident_id').references(() => residents.id, { onDelete: 'cascade' }),
    channel: lossChannelEnum('channel').notNull(),
    /** The officer who took the report (channel officer). */
    officerId: uuid('officer_id').references(() => staff.id),
    /** How many mobile cards were locked by this report (0 when none was active, or no match). */
    lockedCount: integer('locked_count').notNull().default(sql`0`),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('loss_reports_reference_key').on(t.reference), index('loss_reports_resident_idx').on(t.residentId)],
);

export type LossReport = typeof lossReports.$inferSelect;
