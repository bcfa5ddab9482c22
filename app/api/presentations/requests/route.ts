import { z } from 'zod';
import { json, route } from '@/app/_lib/route';
import { createPresentationRequest, getPresentationDeps, PROFILES, qrSvg } from '@/lib/presentation';

export const dynamic = 'force-dynamic';

/**
 * POST {profile, verifierName, locale}: a verifier (no account) asks for a
 * card. → 201 {id, pollSecret, expiresAt, url, svg}: the QR code (SVG) names
 * the holder's page for this request; the secret lets only this verifier
 * read the answer.
 */
export const POST = route(
  {
    body: z.object({
      profile: z.enum(PROFILES),
      verifierName: z
        .string()
        .max(200)
        .refine((v) => v.trim().length >= 2),
    }),
    maxBytes: 2048,
  },
  async ({ request, body, locale }) => {
    const deps = await getPresentationDeps();
    const created = await createPresentationRequest(deps.db, deps.clock, { profile: body.profile, verifierName: body.verifierName, locale });
    // No locale in the address: the holder's phone opens it in the holder's own language.
    const url = `${request.nextUrl.origin}/card/request/${created.id}`;
    return json({ id: created.id, pollSecret: created.pollSecret, expiresAt: created.expiresAt.toISOString(), url, svg: await qrSvg(url) }, 201);
  },
);
