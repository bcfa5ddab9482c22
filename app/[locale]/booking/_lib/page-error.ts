// The error a booking form came back with (?error=<code>), as a message in
// the reader's language; only the booking capability's codes and the core
// ones are shown, anything else reads as the generic message.
import { messageForCode } from '@/app/_lib/error-message';
import type { Locale } from '@/lib/i18n';

export async function pageError(locale: Locale, query: Record<string, string | string[] | undefined>): Promise<{ code: string; message: string } | null> {
  const code = typeof query.error === 'string' ? query.error : null;
  if (!code || !/^[a-z0-9_.]{1,60}$/.test(code)) return null;
  return { code, message: await messageForCode(locale, code) };
}
