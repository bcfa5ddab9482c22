// POST (form or JSON) {locale, path: office|video, code | shortCode} → this
// browser's enrollment claims the officer's one-time grant (the QR's code,
// or the short code typed from under it) and the SMS code is sent.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { claimEnrollmentGrant } from '@/lib/enrollment';
import { openingStep, smsTextFor } from '../_lib/http';

const schema = z
  .object({
    locale: z.string().max(10).optional(),
    path: z.enum(['office', 'video']).default('office'),
    code: z.string().trim().max(200).optional(),
    shortCode: z.string().trim().max(40).optional(),
  })
  .refine((b) => !!b.code || !!b.shortCode);

export async function POST(request: NextRequest) {
  return openingStep(request, schema, 'grant', '/enroll/office', async (deps, token, body) => {
    const input = body.data.code ? { code: body.data.code } : { shortCode: body.data.shortCode! };
    return claimEnrollmentGrant(deps, token, input, await smsTextFor(body.locale));
  });
}
