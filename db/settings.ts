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
