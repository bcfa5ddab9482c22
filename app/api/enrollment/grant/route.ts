// POST (form or JSON) {locale, path: office|video, code | shortCode} → this
// browser's enrollment claims the officer's one-time grant (the QR's code,
// or the short code typed from under it) and the SMS code is sent.
import { z } from 'zod';
import { claimEnrollmentGrant } from '@/lib/enrollment';
import { localeField, openingStep, smsTextFor } from '../_lib/enrollment';

export const POST = openingStep({
  step: 'grant',
  body: z
    .object({
      locale: localeField,
      path: z.enum(['office', 'video']).default('office'),
      code: z.string().trim().max(200).optional(),
      shortCode: z.string().trim().max(40).optional(),
    })
    .refine((b) => !!b.code || !!b.shortCode, { path: ['shortCode'] }),
  pathOf: (raw) => (raw.path === 'video' ? 'video' : 'office'),
  run: async (deps, token, { body, locale }) => {
    const input = body.code ? { code: body.code } : { shortCode: body.shortCode! };
    return claimEnrollmentGrant(deps, token, input, await smsTextFor(locale));
  },
});
