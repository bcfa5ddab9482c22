// POST /api/booking (JSON or a plain form) {slotId, registrationNumber,
// cardSerial, birthDate, locale} → 201 {reference, url, slot} and the link
// by SMS to the phone on record. A slot taken meanwhile answers 409
// proofing.slot_full with the next free slots in `alternatives`; a form post
// that fails goes back to the slot's page with ?error=<code>.
import { z } from 'zod';
import { errorResponse, json, route, seeOther } from '@/app/_lib/route';
import { alternativesFor, bookingErrors, bookSlot } from '@/lib/proofing';
import { bookingClient, bookingDeps } from '@/app/[locale]/booking/_lib/deps';

const body = z.object({
  slotId: z.string().max(64),
  registrationNumber: z.string().trim().min(1).max(40),
  cardSerial: z.string().trim().min(1).max(40),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  locale: z.string().max(10).optional(),
});

export const POST = route(
  {
    body,
    formPage: (raw) => (typeof raw.slotId === 'string' && /^[0-9a-f-]{36}$/i.test(raw.slotId) ? `/booking/slots/${raw.slotId}` : '/booking'),
  },
  async (ctx) => {
    const { body, app, locale, request } = ctx;
    try {
      const booked = await bookSlot(bookingDeps(app), { ...body, locale, client: bookingClient(request.headers) });
      const url = `/${locale}/booking/${booked.secret}`;
      if (ctx.isForm) return seeOther(ctx, `/booking/${booked.secret}`, { booked: 1 });
      return json(
        {
          reference: booked.booking.reference,
          url,
          smsSent: booked.smsSent,
          slot: { id: booked.slot.id, kind: booked.slot.kind, startsAt: booked.slot.startsAt.toISOString(), minutes: booked.slot.minutes },
        },
        201,
      );
    } catch (error) {
      if (!ctx.isForm && bookingErrors.is(error, 'slot_full')) {
        const next = await alternativesFor(app.db, app.clock, { slotId: body.slotId, language: locale, limit: 3 });
        return errorResponse(error, locale, {
          alternatives: next.map((s) => ({ id: s.id, kind: s.kind, startsAt: s.startsAt.toISOString(), minutes: s.minutes, free: s.free, url: `/${locale}/booking/slots/${s.id}` })),
        });
      }
      throw error;
    }
  },
);
