// GET /api/funnel/demo?campaign=CODE: today's funnel counters and the row
// count of every table — only on the demo, for the journey that checks a
// campaign link increments its counters and stores nothing else. Anywhere
// else: 404.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { countRowsPerTable, readFunnelCounters } from '@/lib/analytics';
import { parseCampaignCode } from '@/lib/outreach';

export const dynamic = 'force-dynamic';

export const GET = route(
  { demoOnly: true, query: z.object({ campaign: z.string().max(100).optional() }) },
  async ({ query, app: { db, clock } }) => {
    const campaign = query.campaign === undefined ? undefined : (parseCampaignCode(query.campaign) ?? '');
    const [counters, tables] = await Promise.all([readFunnelCounters({ db, clock }, { campaign }), countRowsPerTable({ db })]);
    return { counters, tables };
  },
);
