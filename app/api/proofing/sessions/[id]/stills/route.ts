// POST {kind: face|card_front|card_back, image: base64 JPEG} → a still of the
// resident's video, kept sealed for its period; only with the resident's consent.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { MAX_STILL_BYTES, saveStill, STILL_KINDS } from '@/lib/proofing';
import { localeField, proofingDeps } from '../../../_lib/proofing';

export const POST = route(
  {
    params: z.object({ id: z.uuid() }),
    body: z.object({
      kind: z.enum(STILL_KINDS),
      image: z.string().max(Math.ceil((MAX_STILL_BYTES * 4) / 3) + 4).regex(/^[A-Za-z0-9+/]+={0,2}$/),
      locale: localeField,
    }),
    maxBytes: MAX_STILL_BYTES * 2,
    staff: ['officer'],
  },
  async ({ params, body, app, staff }) =>
    saveStill(proofingDeps(app), { officerId: staff!.staffId, sessionId: params.id, kind: body.kind, jpeg: Buffer.from(body.image, 'base64') }),
);
