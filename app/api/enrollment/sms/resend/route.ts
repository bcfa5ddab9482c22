// POST (form or JSON) {locale} → a new SMS code (not sooner than 30 s after the last, at most 5).
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { resendEnrollmentSms } from '@/lib/enrollment';
import type { Locale } from '@/lib/i18n/locales';
import { enrollmentDeps, enrollmentToken, failure, json, readBody, seeOther, smsTextFor } from '../../_lib/http';

const schema = z.object({ locale: z.string().max(10).optional() });

export async function POST(request: NextRequest) {
  const started = performance.now();
  let form: { isForm: boolean; locale: Locale; page: string } | undefined;
  try {
    const body = await readBody(request, schema);
    form = { isForm: body.isForm, locale: body.locale, page: '/enroll/sms' };
    await resendEnrollmentSms(await enrollmentDeps(), enrollmentToken(request), await smsTextFor(body.locale));
    return body.isForm ? seeOther(request, body.locale, '/enroll/sms', { sent: 1 }) : json({ sent: true }, started);
  } catch (error) {
    return failure(request, error, form ?? { isForm: false, locale: 'en', page: '/enroll/sms' });
  }
}
