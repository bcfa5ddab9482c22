// The test kit's database: db/testing's throw-away database (PGlite in
// memory, or PostgreSQL when DATABASE_URL is set) with the fixed data keys
// tests seal personal data with. For tests and benches only.
import { openTestDatabase as openDatabaseForTests, serverDatabaseUrl, type TestDatabase as Database } from '@/db/testing';
import { deriveDataKeys, type DataKeys } from '@/lib/security';

export { serverDatabaseUrl };

export type TestDatabase = Database & { keys: DataKeys };

export const testKeys: DataKeys = deriveDataKeys(Buffer.alloc(32, 7));

/** Opens an empty, migrated database; close() drops it again. */
export async function openTestDatabase(): Promise<TestDatabase> {
  return { ...(await openDatabaseForTests()), keys: testKeys };
}
