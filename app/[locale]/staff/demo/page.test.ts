// The demo sign-in page exists only on a demo database (settings.demo =
// true, written by the seed) served as the demo (embedded PGlite or
// ARC_DEMO=1, i.e. config.demo; AppContext.demo); otherwise it is a 404.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { settings } from '@/db/schema';
import { systemClock } from '@/lib/clock';

vi.mock('next/navigation', () => ({
  notFound: () => {
    throw new Error('NEXT_HTTP_ERROR_FALLBACK;404');
  },
  redirect: vi.fn(),
}));
vi.mock('next/headers', () => ({ cookies: vi.fn(), headers: vi.fn() }));
// The page asks for its request before the database (app/_lib/page-context.ts).
vi.mock('next/server', () => ({ connection: async () => {} }));
vi.mock('next-intl/server', () => ({
  setRequestLocale: () => {},
  getTranslations: async () => (key: string) => key,
}));

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
let database: TestDatabase;

function serve(demo: boolean) {
  // AppContext.demo would also need the database's flag; lib/staff checks that itself.
  holder[KEY] = Promise.resolve({ db: database.db, keys: database.keys, clock: systemClock, database, demo, config: { demo } });
}

async function render() {
  const { default: Page } = await import('./page');
  return Page({ params: Promise.resolve({ locale: 'en' }) } as never);
}

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  delete holder[KEY];
  await database.close();
});

describe('/[locale]/staff/demo', () => {
  it('is a 404 on a database the seed did not mark as a demo', async () => {
    serve(true);
    await expect(render()).rejects.toThrow(/404/);
  });

  it('is a 404 on a demo database not served as the demo (server database without ARC_DEMO=1)', async () => {
    await database.db.insert(settings).values({ key: 'demo', value: true });
    serve(false);
    await expect(render()).rejects.toThrow(/404/);
  });

  it('shows one sign-in button per role on the demo', async () => {
    serve(true);
    const page = JSON.stringify(await render());
    for (const role of ['officer', 'analyst', 'partner', 'admin']) expect(page).toContain(`demo.signInAs.${role}`);
  });
});
