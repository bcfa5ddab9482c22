// GET /api/funnel/demo?campaign=CODE: today's funnel counters and the row
// count of every table — only on a demo database, for the journey that
// checks a campaign link increments its counters and stores nothing else.
// Anywhere else: 404.
import { NextResponse, type NextRequest } from 'next/server';
import { getAppContext } from '@/lib/context';
import { countRowsPerTable, parseCampaignCode, readFunnelCounters } from '@/lib/guidance';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const { config, db, clock } = await getAppContext();
  if (!config.seedDemo) return NextResponse.json({ error: { code: 'not_found', params: {} } }, { status: 404 });
  const requested = request.nextUrl.searchParams.get('campaign');
  const campaign = requested === null ? undefined : (parseCampaignCode(requested) ?? '');
  const [counters, tables] = await Promise.all([readFunnelCounters({ db, clock }, { campaign }), countRowsPerTable({ db })]);
  return NextResponse.json({ counters, tables }, { headers: { 'Cache-Control': 'no-store' } });
}
