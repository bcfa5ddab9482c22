// POST {secret, locale} → a new SMS code, a minute after the last (the tries left stay).
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { resendSecondChannelCode } from '@/lib/proofing';
import { codeSmsText, localeField, proofingDeps, secretField } from '../../../_lib/proofing';

export const POST = route({ body: z.object({ secret: secretField, locale: localeField }), maxBytes: 1024 }, async ({ body, app }) =>
  resendSecondChannelCode(proofingDeps(app), { secret: body.secret, smsText: codeSmsText }),
);
