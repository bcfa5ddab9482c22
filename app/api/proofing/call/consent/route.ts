// POST {secret, consent} → the resident agrees to stills, or withdraws (which deletes any taken).
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { recordStillsConsent } from '@/lib/proofing';
import { localeField, proofingDeps, secretField } from '../../_lib/proofing';

export const POST = route(
  { body: z.object({ secret: secretField, consent: z.boolean(), locale: localeField }), maxBytes: 1024 },
  async ({ body, app }) => recordStillsConsent(proofingDeps(app), { secret: body.secret, consent: body.consent }),
);
