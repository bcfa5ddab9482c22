// POST (form or JSON) {path: chip|reissue, locale, registrationNumber,
// cardSerial, birthDate} → the enrollment bound to this browser identifies
// the resident and sends the SMS code (or, for a card without a chip, says
// an officer is needed). Form: 303 to the next step.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { identifyResident, openEnrollment, stepUrl } from '@/lib/enrollment';
import type { Locale } from '@/lib/i18n/locales';
import {
  campaignOf,
  enrollmentDeps,
  enrollmentToken,
  failure,
  json,
  readBody,
  seeOther,
  setEnrollmentCookie,
  smsTextFor,
} from '../_lib/http';

const schema = z.object({
  path: z.enum(['chip', 'reissue']).default('chip'),
  locale: z.string().max(10).optional(),
  registrationNumber: z.string().trim().min(1).max(20),
  cardSerial: z.string().trim().min(1).max(20),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export async function POST(request: NextRequest) {
  const started = performance.now();
  let form: { isForm: boolean; locale: Locale; page: string } | undefined;
  let token: string | undefined;
  try {
    const body = await readBody(request, schema);
    form = { isForm: body.isForm, locale: body.locale, page: stepUrl(body.data.path, 'identify') };
    const deps = await enrollmentDeps();
    const opened = await openEnrollment(deps, enrollmentToken(request), body.data.path, {
      locale: body.locale,
      campaign: campaignOf(request),
    });
    token = opened.token;
    const result = await identifyResident(deps, token, body.data, await smsTextFor(body.locale));
    const next = stepUrl(result.path, result.step);
    const response = body.isForm ? seeOther(request, body.locale, next) : json({ step: result.step, url: `/${body.locale}${next}` }, started);
    return setEnrollmentCookie(response, request, token);
  } catch (error) {
    const response = await failure(request, error, form ?? { isForm: false, locale: 'en', page: '/enroll/chip' });
    return token ? setEnrollmentCookie(response, request, token) : response;
  }
}
