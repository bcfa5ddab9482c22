import { z } from 'zod';
import { json, route } from '@/app/_lib/route';
import { clientAddressFrom, consumeAttempt } from '@/lib/limits';
import { createPresentationRequest, VERIFIER_REQUEST_CLIENT_LIMIT, getPresentationDeps, PROFILES, qrSvg } from '@/lib/presentation';

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
  async ({ request, body, locale, app }) => {
    const deps = await getPresentationDeps();
    // Anyone may ask, without an account: so many an hour per client, so nobody grows the table without bound.
    await consumeAttempt(app.db, app.clock, app.keys, { limit: 'verifier_request_client', subject: clientAddressFrom(request.headers), ...VERIFIER_REQUEST_CLIENT_LIMIT });
    const created = await createPresentationRequest(deps.db, deps.clock, { profile: body.profile, verifierName: body.verifierName, locale });
    // No locale in the address: the holder's phone opens it in the holder's own language.
    const url = `${request.nextUrl.origin}/card/request/${created.id}`;
    return json({ id: created.id, pollSecret: created.pollSecret, expiresAt: created.expiresAt.toISOString(), url, svg: await qrSvg(url) }, 201);
  },
);
