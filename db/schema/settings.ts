// Facts about this database itself, as key/value pairs: whether it is a
// demo database filled with synthetic residents, and with which seed (so
// `npm run db:seed -- --append` can continue the same population and the
// card simulator can derive the chips' keys). Never personal data.
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Setting = typeof settings.$inferSelect;
