// POST (form or JSON) {locale, code} → checks the SMS code (5 wrong, then 15 minutes' wait).
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { getEnrollmentView, verifyEnrollmentSms } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, localeField, nextStep } from '../../_lib/enrollment';

export const POST = route(
  { body: z.object({ locale: localeField, code: z.string().trim().max(20) }), maxBytes: 1024, formPage: '/enroll/sms' },
  async (ctx) => {
    const deps = enrollmentDeps(ctx.app, ctx.request);
    const token = enrollmentToken(ctx.request);
    const { step } = await verifyEnrollmentSms(deps, token, ctx.body.code);
    const view = (await getEnrollmentView(deps, token))!;
    return nextStep(ctx, view.path, step);
  },
);
