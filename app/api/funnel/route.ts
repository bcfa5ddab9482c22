// POST /api/funnel: the eligibility checker's beacon when it answered in the
// browser (JavaScript on, maybe offline earlier). Counts the outcome for the
// day, locale and the visit's campaign; nothing else is stored. 204 on
// success; 400 with a code for anything that is not such a beacon.
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { coreErrors, toAppError, type AppError } from '@/lib/errors';
import { locales } from '@/lib/i18n/locales';
import { getAppContext } from '@/lib/context';
import { CAMPAIGN_COOKIE, ELIGIBILITY_ANSWERED, outcomeCodes, parseCampaignCode, recordEligibilityAnswer } from '@/lib/guidance';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 1024;

const beaconSchema = z.object({
  event: z.literal(ELIGIBILITY_ANSWERED),
  outcome: z.enum(outcomeCodes),
  locale: z.enum(locales),
});

function errorResponse(error: AppError) {
  return NextResponse.json({ error: error.toJSON() }, { status: error.status, headers: { 'Cache-Control': 'no-store' } });
}

export async function POST(request: NextRequest) {
  // A beacon comes from our own pages only.
  const origin = request.headers.get('origin');
  if (origin && origin !== request.nextUrl.origin) return errorResponse(coreErrors.create('forbidden'));
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return errorResponse(coreErrors.create('bad_request'));
  const raw = await request.text().catch(() => '');
  if (raw.length > MAX_BODY_BYTES) return errorResponse(coreErrors.create('bad_request'));
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return errorResponse(coreErrors.create('bad_request'));
  }
  const parsed = beaconSchema.safeParse(body);
  if (!parsed.success) return errorResponse(coreErrors.create('invalid_input'));
  try {
    const { db, clock } = await getAppContext();
    const campaign = parseCampaignCode(request.cookies.get(CAMPAIGN_COOKIE)?.value);
    await recordEligibilityAnswer({ db, clock }, { locale: parsed.data.locale, campaign }, parsed.data.outcome);
    return new NextResponse(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(toAppError(error));
  }
}
