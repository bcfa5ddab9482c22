// POST (form or JSON) {path: chip|reissue, locale, registrationNumber,
// cardSerial, day, month, year (or birthDate as YYYY-MM-DD)} → the enrollment bound to this browser identifies
// the resident and sends the SMS code (or, for a card without a chip, says
// an officer is needed). Form: 303 to the next step. Each detail's form is
// checked first (lib/loss's field checks), before a try is counted.
import { z } from 'zod';
import { seoulDay } from '@/lib/clock';
import { identifyResident } from '@/lib/enrollment';
import { coreErrors, type ErrorParams } from '@/lib/errors';
import { checkLossDetails } from '@/lib/loss';
import { localeField, openingStep, smsTextFor } from '../_lib/enrollment';

export const POST = openingStep({
  step: 'identify',
  body: z.object({
    path: z.enum(['chip', 'reissue']).default('chip'),
    locale: localeField,
    // Empty or mistyped values pass the schema: the check below names each one in the reader's language.
    registrationNumber: z.string().trim().max(20).default(''),
    cardSerial: z.string().trim().max(20).default(''),
    birthDate: z.string().trim().max(20).default(''),
    // The form's three boxes (components/birth-date-fields.tsx); a JSON client may send birthDate instead.
    day: z.string().trim().max(6).optional(),
    month: z.string().trim().max(6).optional(),
    year: z.string().trim().max(8).optional(),
  }),
  pathOf: (raw) => (raw.path === 'reissue' ? 'reissue' : 'chip'),
  // Each detail's form first, field by field, before an enrollment is opened: a typo (an 8-digit
  // number) is named, spends no try and leaves nothing behind.
  check: (body, deps) => {
    detailsOf(body, deps.clock.now());
  },
  run: async (deps, token, { body, locale }) => identifyResident(deps, token, detailsOf(body, deps.clock.now()), await smsTextFor(locale)),
});

type IdentifyBody = { registrationNumber: string; cardSerial: string; birthDate: string; day?: string; month?: string; year?: string };

function detailsOf(body: IdentifyBody, now: Date) {
  const { day, month, year, ...rest } = body;
  const fromBoxes = day !== undefined || month !== undefined || year !== undefined;
  const birthDate = fromBoxes ? { day: day ?? '', month: month ?? '', year: year ?? '' } : rest.birthDate;
  const checked = checkLossDetails({ ...rest, birthDate }, seoulDay(now));
  if (!checked.ok) {
    const params: ErrorParams = { fields: Object.keys(checked.errors).join(',') };
    for (const [field, code] of Object.entries(checked.errors)) params[`${field}Code`] = code;
    throw coreErrors.create('invalid_input', params);
  }
  return checked.details;
}
