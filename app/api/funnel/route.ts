// POST /api/funnel: the eligibility checker's beacon when it answered in the
// browser (JavaScript on, maybe offline earlier). Counts the outcome for the
// day, locale and the visit's campaign; nothing else is stored. 204 on
// success; 400 with a code for anything that is not such a beacon.
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { locales } from '@/lib/i18n';
import { ELIGIBILITY_ANSWERED, recordEligibilityAnswer } from '@/lib/analytics';
import { outcomeCodes } from '@/lib/guidance';
import { CAMPAIGN_COOKIE, parseCampaignCode } from '@/lib/outreach';

export const dynamic = 'force-dynamic';

export const POST = route(
  {
    body: z.object({ event: z.literal(ELIGIBILITY_ANSWERED), outcome: z.enum(outcomeCodes), locale: z.enum(locales) }),
    maxBytes: 1024,
  },
  async ({ request, body, app }) => {
    const campaign = parseCampaignCode(request.cookies.get(CAMPAIGN_COOKIE)?.value);
    await recordEligibilityAnswer(app, { locale: body.locale, campaign }, body.outcome);
    return new NextResponse(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  },
);
