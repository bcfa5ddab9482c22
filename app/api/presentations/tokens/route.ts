import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getPresentationDeps, issueCardToken, MAX_TOKEN_BYTES, PROFILES, qrSvg } from '@/lib/presentation';
import { CARD_COOKIE, errorResponse, json, localeOf, parseBody } from '../_lib/respond';

export const dynamic = 'force-dynamic';

const body = z.object({ profile: z.enum(PROFILES), locale: z.string().max(10).optional() });

/** POST {profile, locale} with the open card's cookie → a fresh token and its QR code (SVG). */
export async function POST(request: NextRequest) {
  let locale = localeOf(undefined);
  try {
    const input = await parseBody(request, body, 1024);
    locale = localeOf(input.locale);
    const deps = await getPresentationDeps();
    const issued = await issueCardToken(deps, { cardKey: request.cookies.get(CARD_COOKIE)?.value, profile: input.profile, locale });
    return json({
      token: issued.token,
      profile: issued.profile,
      issuedAt: issued.issuedAt.toISOString(),
      expiresAt: issued.expiresAt.toISOString(),
      bytes: Buffer.byteLength(issued.token),
      maxBytes: MAX_TOKEN_BYTES,
      svg: await qrSvg(issued.token),
    });
  } catch (error) {
    return errorResponse(error, locale);
  }
}
