// What the booking pages, actions and endpoint share: the booking use
// cases' dependencies (the app's, its SMS sender, the origin the links
// start with, the SMS texts in the resident's language) and the client
// address the per-client attempt limit counts by.
import { translatorFor } from '@/app/_lib/messages';
import type { AppContext } from '@/lib/context';
import { clientAddressFrom } from '@/lib/limits';
import type { BookingDeps, BookingSmsText } from '@/lib/proofing';
import { createSmsSender, type SmsSender } from '@/lib/sms';

const senders = new WeakMap<AppContext, SmsSender>();

/** The SMS a booking sends, in the language the resident booked in. */
export const bookingSmsText: BookingSmsText = async (kind, locale, values) => {
  const t = await translatorFor(locale, 'booking.sms');
  return t(kind, values);
};

/** The booking use cases' dependencies (the SMS sender made once per app). */
export function bookingDeps(app: AppContext): BookingDeps {
  let sms = senders.get(app);
  if (!sms) {
    sms = createSmsSender(app);
    senders.set(app, sms);
  }
  return { db: app.db, clock: app.clock, keys: app.keys, sms, origin: app.config.origins[0] ?? 'http://localhost:3000', smsText: bookingSmsText };
}

/** The client's address for the per-client attempt limit (lib/limits explains whom to trust). */
export function bookingClient(headers: { get(name: string): string | null }): string {
  return clientAddressFrom(headers);
}
