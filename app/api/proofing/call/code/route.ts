// POST {secret, code, locale} → the resident types the SMS code during the call (5 tries in all).
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { confirmSecondChannelCode } from '@/lib/proofing';
import { localeField, proofingDeps, secretField } from '../../_lib/proofing';

export const POST = route(
  { body: z.object({ secret: secretField, code: z.string().trim().max(20), locale: localeField }), maxBytes: 1024 },
  async ({ body, app }) => confirmSecondChannelCode(proofingDeps(app), { secret: body.secret, code: body.code }),
);
