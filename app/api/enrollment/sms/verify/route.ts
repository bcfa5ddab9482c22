// POST (form or JSON) {locale, code} → checks the SMS code (5 wrong, then 15 minutes' wait).
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getEnrollmentView, stepUrl, verifyEnrollmentSms } from '@/lib/enrollment';
import type { Locale } from '@/lib/i18n/locales';
import { enrollmentDeps, enrollmentToken, failure, json, readBody, seeOther } from '../../_lib/http';

const schema = z.object({ locale: z.string().max(10).optional(), code: z.string().trim().max(20) });

export async function POST(request: NextRequest) {
  const started = performance.now();
  let form: { isForm: boolean; locale: Locale; page: string } | undefined;
  try {
    const body = await readBody(request, schema);
    form = { isForm: body.isForm, locale: body.locale, page: '/enroll/sms' };
    const deps = await enrollmentDeps();
    const token = enrollmentToken(request);
    const { step } = await verifyEnrollmentSms(deps, token, body.data.code);
    const view = (await getEnrollmentView(deps, token))!;
    const next = stepUrl(view.path, step);
    return body.isForm ? seeOther(request, body.locale, next) : json({ step, url: `/${body.locale}${next}` }, started);
  } catch (error) {
    return failure(request, error, form ?? { isForm: false, locale: 'en', page: '/enroll/sms' });
  }
}
