// POST {secret, stillsConsent, locale} → the resident joins the call the
// officer started; the one-time code goes by SMS to the phone on record.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { joinAsResident } from '@/lib/proofing';
import { codeSmsText, localeField, proofingDeps, secretField } from '../../_lib/proofing';

export const POST = route(
  { body: z.object({ secret: secretField, stillsConsent: z.boolean().default(false), locale: localeField }), maxBytes: 1024 },
  async ({ body, app }) => {
    const joined = await joinAsResident(proofingDeps(app), { secret: body.secret, stillsConsent: body.stillsConsent, smsText: codeSmsText });
    return { codeSentTo: joined.codeSentTo, rejoined: joined.rejoined };
  },
);
