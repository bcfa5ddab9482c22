import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { getPresentationDeps, issueCardToken, MAX_TOKEN_BYTES, PROFILES, qrSvg } from '@/lib/presentation';
import { CARD_COOKIE } from '../_lib/card-cookie';

export const dynamic = 'force-dynamic';

/** POST {profile, locale} with the open card's cookie → a fresh token and its QR code (SVG). */
export const POST = route({ body: z.object({ profile: z.enum(PROFILES) }), maxBytes: 1024 }, async ({ request, body, locale }) => {
  const deps = await getPresentationDeps();
  const issued = await issueCardToken(deps, { cardKey: request.cookies.get(CARD_COOKIE)?.value, profile: body.profile, locale });
  return {
    token: issued.token,
    profile: issued.profile,
    issuedAt: issued.issuedAt.toISOString(),
    expiresAt: issued.expiresAt.toISOString(),
    bytes: Buffer.byteLength(issued.token),
    maxBytes: MAX_TOKEN_BYTES,
    svg: await qrSvg(issued.token),
  };
});
