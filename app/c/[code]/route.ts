// GET /c/<code>: a campaign's short link, as printed under its poster's QR
// code. Sends the visitor (307) to the home page in their language with the
// campaign's code (?c=CODE: the proxy remembers it for the visit) and counts
// one visit for the campaign; an unknown code goes to the home page without
// attribution. Not locale-prefixed (proxy.ts leaves /c/ alone): the link
// must be short to print and to type.
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { isPersonOpening, openCampaignLink } from '@/lib/outreach';

export const dynamic = 'force-dynamic';

export const GET = route({ params: z.object({ code: z.string().max(200) }).catch({ code: '' }) }, async ({ request, params, app }) => {
  const target = await openCampaignLink(app.db, app.clock, {
    code: params.code,
    cookie: request.cookies.get('NEXT_LOCALE')?.value,
    acceptLanguage: request.headers.get('accept-language'),
    count: isPersonOpening(request.method, request.headers),
  });
  return NextResponse.redirect(new URL(target.path, request.nextUrl.origin), {
    status: 307,
    headers: { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  });
});
