// The one function that turns an error code into a message in the reader's
// language (messages/<locale>.json → errors.<code>), for route handlers,
// server actions and pages alike. It answers the same inside a request, in
// the Node fast path and in tests, and never throws.
import { toAppError, type ErrorParams } from '@/lib/errors';
import { formatDate, type Locale } from '@/lib/i18n';
import { translatorFor } from './messages';

/** A calendar day in the params ("2029-07-01") is written as the reader writes dates: never an ISO date in a message. */
function readableParams(locale: Locale, params: ErrorParams): ErrorParams {
  const out: ErrorParams = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(locale, `${v}T12:00:00+09:00`) : v;
  return out;
}

type Loose = { (key: string, params?: ErrorParams): string; has(key: string): boolean };

function errorStrings(locale: Locale): Promise<Loose> {
  return translatorFor(locale, 'errors') as Promise<Loose>;
}

/** The message of a code (with its ICU params); an unknown code, or params that do not fit, give the generic one. */
export async function messageForCode(locale: Locale, code: string, params: ErrorParams = {}): Promise<string> {
  try {
    const t = await errorStrings(locale);
    if (t.has(code)) {
      const message = t(code, readableParams(locale, params));
      // next-intl answers a failed format with the key itself.
      if (message && message !== code && message !== `errors.${code}`) return message;
    }
    return t('internal');
  } catch {
    return 'Something went wrong. Please try again.';
  }
}

/** The message for anything thrown: an AppError's own message, else the generic one. */
export async function errorMessage(locale: Locale, error: unknown): Promise<string> {
  const e = toAppError(error);
  return messageForCode(locale, e.code, e.params);
}

/** The messages of several codes, for a client component that receives codes from the API. */
export async function errorMessages(locale: Locale, codes: readonly string[], params: ErrorParams = {}): Promise<Record<string, string>> {
  const entries = await Promise.all(codes.map(async (c) => [c, await messageForCode(locale, c, params)] as const));
  return Object.fromEntries(entries);
}
