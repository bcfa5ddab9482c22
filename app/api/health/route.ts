import { NextResponse } from 'next/server';
import { getAppContext } from '@/lib/context';

export const dynamic = 'force-dynamic';

/** GET /api/health → {"status":"ok","database":"pglite"|"postgres"}, 503 when the database does not answer. */
export async function GET() {
  let kind: 'pglite' | 'postgres' | undefined;
  try {
    const { database } = await getAppContext();
    kind = database.kind;
    await Promise.race([
      database.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000)),
    ]);
    return NextResponse.json({ status: 'ok', database: kind }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return NextResponse.json(
      { status: 'unavailable', database: kind ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite') },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
