// GET /<locale>/card/reminder.ics with the open card's cookie → a calendar
// file reminding the holder, a month before, that the physical card expires
// and what to do then (renew it at immigration, then get the mobile card
// again), in the locale of the address. Only for the card open on this phone.
import { z } from 'zod';
import { translatorFor } from '@/app/_lib/messages';
import { route } from '@/app/_lib/route';
import { formatDate, locales } from '@/lib/i18n';
import { getPresentationDeps, showCard } from '@/lib/presentation';
import { CARD_COOKIE } from '@/app/api/presentations/_lib/card-cookie';
import { expiryReminder } from '../_lib/reminder';

export const dynamic = 'force-dynamic';

export const GET = route({ params: z.object({ locale: z.enum(locales) }) }, async ({ request, params, app }) => {
  const view = await showCard(await getPresentationDeps(), request.cookies.get(CARD_COOKIE)?.value);
  const locale = params.locale;
  const t = await translatorFor(locale, 'card');
  const date = formatDate(locale, `${view.holder.validUntil}T12:00:00+09:00`);
  const ics = expiryReminder(
    view.holder.validUntil,
    { title: t('reminder.icsTitle'), description: t('reminder.icsBody', { date }), alarm: t('reminder.icsAlarm', { date }) },
    app.clock.now(),
  );
  return new Response(ics, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="residence-card-renewal.ics"',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
  });
});
