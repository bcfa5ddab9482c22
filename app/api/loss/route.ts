// POST /api/loss {registrationNumber, cardSerial, birthDate (YYYY-MM-DD), locale?}
// → {reference}: a loss report for clients other than the page's form (the
// page posts to its server action). The same answer whether or not the
// details matched a card; form errors as loss.* (400), too many tries as
// limits.rate_limited (429), in the one error body.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { clientAddressFrom } from '@/lib/limits';
import { reportLoss } from '@/lib/loss';

const text = z.string().max(64);

export const POST = route(
  {
    body: z.object({ locale: z.string().max(10).optional(), registrationNumber: text, cardSerial: text, birthDate: text }),
    maxBytes: 2048,
  },
  async ({ body, locale, app, request }) =>
    reportLoss(app, {
      registrationNumber: body.registrationNumber,
      cardSerial: body.cardSerial,
      birthDate: body.birthDate,
      locale,
      client: clientAddressFrom(request.headers),
    }),
);
