// Attempt counters for abuse limits, in the database so that every instance
// sees the same counts: one row per key (e.g. "loss:reg:<hmac>",
// "loss:client:<hmac>") and fixed window.
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const rateLimits = pgTable('rate_limits', {
  /** The limit's name and its subject, never in clear: "<limit>:<keyed hash>". */
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});
