// What the video check's endpoints share beyond the route wrapper: the use
// cases' dependencies (with the SMS sender), the resident's booking secret
// (a header on reads, a body field on posts: never in a URL, never logged),
// the SMS text in the booking's language, and the ICE servers.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { translatorFor } from '@/app/_lib/messages';
import type { AppContext } from '@/lib/context';
import { isLocale, defaultLocale } from '@/lib/i18n';
import { SIGNAL_KINDS, videoErrors, type CodeSmsText, type ResidentCallDeps } from '@/lib/proofing';
import { createSmsSender, type SmsSender } from '@/lib/sms';

/** The header that carries the booking's secret on the resident's reads. */
export const SECRET_HEADER = 'x-booking-secret';

/** The secret as a body field on the resident's posts. */
export const secretField = z.string().trim().min(1).max(200);
export const localeField = z.string().max(10).optional();

const senders = new WeakMap<AppContext, SmsSender>();

export function proofingDeps(app: AppContext): ResidentCallDeps {
  let sms = senders.get(app);
  if (!sms) {
    sms = createSmsSender(app);
    senders.set(app, sms);
  }
  return { db: app.db, clock: app.clock, keys: app.keys, sms };
}

/** The booking's secret from the read's header; a read without one names no booking. */
export function secretOf(request: NextRequest): string {
  const secret = request.headers.get(SECRET_HEADER)?.trim();
  if (!secret || secret.length > 200) throw videoErrors.create('booking_unknown');
  return secret;
}

/** The second-channel SMS in the booking's language. */
export const codeSmsText: CodeSmsText = async (code, locale) => {
  const t = await translatorFor(isLocale(locale) ? locale : defaultLocale, 'call');
  return t('smsBody', { code });
};

/** The STUN/TURN servers both browsers use (none: host candidates only). */
export function iceServersOf(app: AppContext) {
  return app.config.iceServers ?? [];
}

/** ?after=<seq> on signal reads. */
export const afterQuery = z.object({ after: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(0) });

export const signalBody = {
  kind: z.enum(SIGNAL_KINDS),
  payload: z.unknown(),
};

/** Signals carry SDP (a few KB each); a little room above the largest. */
export const SIGNAL_MAX_BYTES = 40 * 1024;
