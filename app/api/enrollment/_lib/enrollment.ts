// What the enrollment and resident passkey endpoints share beyond the route
// wrapper (app/_lib/route.ts): this browser's enrollment cookie, the use
// cases' dependencies with the SMS sender, the visit's campaign, the SMS
// text in the resident's language, the answer "go to this step", and the two
// steps that open an enrollment (identify and grant).
import type { NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import { translatorFor } from '@/app/_lib/messages';
import { json, route, seeOther, type RouteContext } from '@/app/_lib/route';
import type { AppContext } from '@/lib/context';
import {
  ENROLLMENT_COOKIE,
  openEnrollment,
  stepUrl,
  type EnrollmentDeps,
  type EnrollmentPath,
  type SmsText,
  type StepName,
  type StepResult,
} from '@/lib/enrollment';
import { CAMPAIGN_COOKIE, parseCampaignCode } from '@/lib/outreach';
import type { Locale } from '@/lib/i18n';
import { clientAddressFrom } from '@/lib/limits';
import { createSmsSender, type SmsSender } from '@/lib/sms';

/** The page's language, sent by every step's form; the wrapper answers in it (an unknown one falls back). */
export const localeField = z.string().max(10).optional();

const senders = new WeakMap<AppContext, SmsSender>();

/** The enrollment use cases' dependencies: the app's, its SMS sender (made once per app) and the request's client. */
export function enrollmentDeps(app: AppContext, request: NextRequest): EnrollmentDeps {
  let sms = senders.get(app);
  if (!sms) {
    sms = createSmsSender(app);
    senders.set(app, sms);
  }
  return { db: app.db, clock: app.clock, keys: app.keys, config: app.config, sms, client: clientAddressFrom(request.headers) };
}

export function enrollmentToken(request: NextRequest): string | undefined {
  return request.cookies.get(ENROLLMENT_COOKIE)?.value;
}

/** The campaign this visit came from (the outreach link's cookie), if it is a well-formed code. */
export function campaignOf(request: NextRequest): string | null {
  return parseCampaignCode(request.cookies.get(CAMPAIGN_COOKIE)?.value);
}

/** The SMS text in the resident's language. */
export async function smsTextFor(locale: Locale): Promise<SmsText> {
  const t = await translatorFor(locale, 'enroll');
  return (code) => t('smsBody', { code });
}

/** An hour at most: enrollments live 30 minutes. */
const ENROLLMENT_COOKIE_MAX_AGE_S = 3600;

/** "Go on to this step": a 303 to its page after a form post, else JSON {step, url}. */
export function nextStep(ctx: { request: NextRequest; locale: Locale; isForm: boolean }, path: EnrollmentPath, step: StepName | 'expired'): NextResponse {
  const page = stepUrl(path, step);
  return ctx.isForm ? seeOther(ctx, page) : json({ step, url: `/${ctx.locale}${page}` });
}

type OpeningBody = { path: EnrollmentPath };

/**
 * POST for one of the two steps that open (or resume) this browser's
 * enrollment, identify (chip path, reissue) and grant (officer or video
 * path): open the enrollment, run the step, answer with the next step. The
 * enrollment cookie is set on the answer even when the step fails, so that
 * wrong tries count on the enrollment; a form post that fails goes back to
 * its path's step page.
 */
export function openingStep<T extends OpeningBody>(opening: {
  step: 'identify' | 'grant';
  body: z.ZodType<T>;
  /** The path of a form post that failed, from its fields as sent (unchecked). */
  pathOf: (raw: { path?: unknown }) => EnrollmentPath;
  /** Checks of the typed details' form, before anything is opened or counted: a malformed request changes nothing. */
  check?: (body: T, deps: EnrollmentDeps) => void;
  run: (deps: EnrollmentDeps, token: string, ctx: RouteContext<T, undefined, undefined>) => Promise<StepResult>;
}) {
  return route({ body: opening.body, maxBytes: 2048, formPage: (raw) => stepUrl(opening.pathOf(raw), opening.step) }, async (ctx) => {
    const deps = enrollmentDeps(ctx.app, ctx.request);
    opening.check?.(ctx.body, deps);
    const visit = { locale: ctx.locale, campaign: campaignOf(ctx.request) };
    const { token } = await openEnrollment(deps, enrollmentToken(ctx.request), ctx.body.path, visit);
    // On the answer even when the step fails: wrong tries count on this enrollment.
    ctx.setCookie(ENROLLMENT_COOKIE, token, { maxAge: ENROLLMENT_COOKIE_MAX_AGE_S });
    const result = await opening.run(deps, token, ctx);
    return nextStep(ctx, result.path, result.step);
  });
}
