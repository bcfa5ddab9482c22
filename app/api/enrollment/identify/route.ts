// POST (form or JSON) {path: chip|reissue, locale, registrationNumber,
// cardSerial, birthDate} → the enrollment bound to this browser identifies
// the resident and sends the SMS code (or, for a card without a chip, says
// an officer is needed). Form: 303 to the next step.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { identifyResident } from '@/lib/enrollment';
import { openingStep, smsTextFor } from '../_lib/http';

const schema = z.object({
  path: z.enum(['chip', 'reissue']).default('chip'),
  locale: z.string().max(10).optional(),
  registrationNumber: z.string().trim().min(1).max(20),
  cardSerial: z.string().trim().min(1).max(20),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export async function POST(request: NextRequest) {
  return openingStep(request, schema, 'identify', '/enroll/chip', async (deps, token, body) =>
    identifyResident(deps, token, body.data, await smsTextFor(body.locale)),
  );
}
