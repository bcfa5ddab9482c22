import { z } from 'zod';
import { createPresentationRequest, getPresentationDeps, PROFILES, qrSvg } from '@/lib/presentation';
import { errorResponse, json, localeOf, parseBody } from '../_lib/respond';

export const dynamic = 'force-dynamic';

const body = z.object({
  profile: z.enum(PROFILES),
  verifierName: z
    .string()
    .max(200)
    .refine((v) => v.trim().length >= 2),
  locale: z.string().max(10).optional(),
});

/**
 * POST {profile, verifierName, locale}: a verifier (no account) asks for a
 * card. → {id, pollSecret, expiresAt, url, svg}: the QR code (SVG) names the
 * holder's page for this request; the secret lets only this verifier read
 * the answer.
 */
export async function POST(request: Request) {
  let locale = localeOf(undefined);
  try {
    const input = await parseBody(request, body, 2048);
    locale = localeOf(input.locale);
    const deps = await getPresentationDeps();
    const created = await createPresentationRequest(deps.db, deps.clock, { profile: input.profile, verifierName: input.verifierName, locale });
    // No locale in the address: the holder's phone opens it in the holder's own language.
    const url = `${new URL(request.url).origin}/card/request/${created.id}`;
    return json(
      { id: created.id, pollSecret: created.pollSecret, expiresAt: created.expiresAt.toISOString(), url, svg: await qrSvg(url) },
      201,
    );
  } catch (error) {
    return errorResponse(error, locale);
  }
}
