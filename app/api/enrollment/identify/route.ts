// POST (form or JSON) {path: chip|reissue, locale, registrationNumber,
// cardSerial, birthDate} → the enrollment bound to this browser identifies
// the resident and sends the SMS code (or, for a card without a chip, says
// an officer is needed). Form: 303 to the next step.
import { z } from 'zod';
import { identifyResident } from '@/lib/enrollment';
import { localeField, openingStep, smsTextFor } from '../_lib/enrollment';

export const POST = openingStep({
  step: 'identify',
  body: z.object({
    path: z.enum(['chip', 'reissue']).default('chip'),
    locale: localeField,
    registrationNumber: z.string().trim().min(1).max(20),
    cardSerial: z.string().trim().min(1).max(20),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  pathOf: (raw) => (raw.path === 'reissue' ? 'reissue' : 'chip'),
  run: async (deps, token, { body, locale }) => identifyResident(deps, token, body, await smsTextFor(locale)),
});
