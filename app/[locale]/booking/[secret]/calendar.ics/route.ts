// GET /<locale>/booking/<secret>/calendar.ics → the booking as a calendar
// file (text/calendar), in Korea's time, with reminders a day and an hour
// before, its words in the locale of the address.
import { z } from 'zod';
import { translatorFor } from '@/app/_lib/messages';
import { route } from '@/app/_lib/route';
import { coreErrors } from '@/lib/errors';
import { locales } from '@/lib/i18n';
import { bookingCalendar, bookingLink, findBookingBySecret } from '@/lib/proofing';
import { slotPlace } from '../../_lib/display';

const READY = { video: ['card', 'light', 'quiet', 'phone', 'battery'], office: ['card', 'phone', 'early'], community: ['card', 'phone', 'early'] } as const;

export const GET = route({ params: z.object({ locale: z.enum(locales), secret: z.string().max(64) }) }, async ({ params, app }) => {
  const found = await findBookingBySecret(app.db, params.secret);
  if (!found) throw coreErrors.create('not_found');
  const { booking, slot } = found;
  const locale = params.locale;
  const t = await translatorFor(locale, 'booking');
  const place = await slotPlace(locale, slot);
  const link = bookingLink(app.config.origins[0] ?? '', locale, params.secret);
  const description = [
    t('calendar.intro', { reference: booking.reference }),
    '',
    `${t('booked.readyTitle')}:`,
    ...READY[slot.kind].map((item) => `• ${t(`ready.${item}`)}`),
    '',
    t('calendar.link', { link }),
  ].join('\n');
  const ics = bookingCalendar(booking, slot, {
    title: t(`calendar.title.${slot.kind}`),
    description,
    location: [place.title, ...(slot.kind === 'video' ? [] : [place.address ?? place.lines[0]])].filter(Boolean).join(', '),
    reminder: t('calendar.reminder'),
    url: link,
  });
  return new Response(ics, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${booking.reference}.ics"`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
  });
});
