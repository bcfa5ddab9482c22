// The app's context (database, keys, clock) for a page or layout rendered per
// request. `next build` prerenders every page it can, and stops at the first
// request-time API a page calls: asking for the request's connection first
// means the build stops here, before the database is opened (or seeded) —
// not after, as it did when a page opened the database before reading its
// cookies. Route handlers and server actions only run at request time and
// use getAppContext directly.
import { connection } from 'next/server';
import { getAppContext, type AppContext } from '@/lib/context';

export async function pageAppContext(): Promise<AppContext> {
  await connection();
  return getAppContext();
}
