// POST (form or JSON) {locale, path: office|video, code | shortCode} → this
// browser's enrollment claims the officer's one-time grant (the QR's code,
// or the short code typed from under it) and the SMS code is sent.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { claimEnrollmentGrant, openEnrollment, stepUrl } from '@/lib/enrollment';
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

const schema = z
  .object({
    locale: z.string().max(10).optional(),
    path: z.enum(['office', 'video']).default('office'),
    code: z.string().trim().max(200).optional(),
    shortCode: z.string().trim().max(40).optional(),
  })
  .refine((b) => !!b.code || !!b.shortCode);

export async function POST(request: NextRequest) {
  const started = performance.now();
  let form: { isForm: boolean; locale: Locale; page: string } | undefined;
  let token: string | undefined;
  try {
    const body = await readBody(request, schema);
    form = { isForm: body.isForm, locale: body.locale, page: stepUrl(body.data.path, 'grant') };
    const deps = await enrollmentDeps();
    const opened = await openEnrollment(deps, enrollmentToken(request), body.data.path, {
      locale: body.locale,
      campaign: campaignOf(request),
    });
    token = opened.token;
    const input = body.data.code ? { code: body.data.code } : { shortCode: body.data.shortCode! };
    const result = await claimEnrollmentGrant(deps, token, input, await smsTextFor(body.locale));
    const next = stepUrl(result.path, result.step);
    const response = body.isForm ? seeOther(request, body.locale, next) : json({ step: result.step, url: `/${body.locale}${next}` }, started);
    return setEnrollmentCookie(response, request, token);
  } catch (error) {
    const response = await failure(request, error, form ?? { isForm: false, locale: 'en', page: '/enroll/office' });
    return token ? setEnrollmentCookie(response, request, token) : response;
  }
}
