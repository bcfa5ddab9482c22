import { NextResponse } from 'next/server';
import { route } from '@/app/_lib/route';
import { coreErrors } from '@/lib/errors';

export const dynamic = 'force-dynamic';

const PING_TIMEOUT_MS = 3000;

function configuredKind(): 'pglite' | 'postgres' {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

/**
 * GET /api/health → {"status":"ok","database":"pglite"|"postgres"}; 503
 * {"status":"unavailable","database":…} when the database cannot be opened
 * or does not answer within 3 s.
 */
export const GET = route(
  { errorFields: (error) => ({ status: 'unavailable', database: error.params.database ?? configuredKind() }) },
  async ({ app: { database } }) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([database.ping(), timeout]);
    } catch (cause) {
      throw coreErrors.create('database_unavailable', { database: database.kind }, { cause });
    } finally {
      clearTimeout(timer);
    }
    return NextResponse.json({ status: 'ok', database: database.kind }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
