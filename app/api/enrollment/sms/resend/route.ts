// POST (form or JSON) {locale} → a new SMS code (not sooner than 30 s after the last, at most 5).
import { z } from 'zod';
import { route, seeOther } from '@/app/_lib/route';
import { resendEnrollmentSms } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, localeField, smsTextFor } from '../../_lib/enrollment';

export const POST = route(
  { body: z.object({ locale: localeField }), maxBytes: 1024, formPage: '/enroll/sms' },
  async (ctx) => {
    await resendEnrollmentSms(enrollmentDeps(ctx.app, ctx.request), enrollmentToken(ctx.request), await smsTextFor(ctx.locale));
    return ctx.isForm ? seeOther(ctx, '/enroll/sms', { sent: 1 }) : { sent: true };
  },
);
