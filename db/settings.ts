// Facts about this database kept in its settings table that more than one
// layer asks about.
import { eq } from 'drizzle-orm';
import type { Executor } from './client';
import { settings } from './schema';

/** The setting the seed writes when it fills a database with demo data. */
export const DEMO_SETTING_KEY = 'demo';

/** Whether this database was seeded as a demo (synthetic residents and demo accounts). */
export async function isDemoDatabase(db: Executor): Promise<boolean> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, DEMO_SETTING_KEY));
  return row?.value === true;
}

/**
 * Whether this database was first started as a real install (ARC_DEMO=0 on
 * the embedded database, or PostgreSQL without ARC_DEMO=1): the start-up
 * seeding then never turns it into a demo, even if ARC_DEMO is later left
 * unset by mistake.
 */
export async function isRealDatabase(db: Executor): Promise<boolean> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, DEMO_SETTING_KEY));
  return row?.value === false;
}

/** Records that this database is a real install (settings.demo = false), unless it is already marked either way. */
export async function markRealDatabase(db: Executor): Promise<void> {
  await db.insert(settings).values({ key: DEMO_SETTING_KEY, value: false }).onConflictDoNothing();
}
