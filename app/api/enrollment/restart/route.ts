// POST (form) {locale, to} → forgets this browser's enrollment (the cookie)
// and goes back to the start, or to the first step of a path. The
// enrollment row stays for the funnel and audit.
import { z } from 'zod';
import { json, route, seeOther } from '@/app/_lib/route';
import { ENROLLMENT_COOKIE } from '@/lib/enrollment';
import { localeField } from '../_lib/enrollment';

export const POST = route(
  {
    body: z.object({ locale: localeField, to: z.enum(['chip', 'reissue', 'office', 'start']).optional() }),
    maxBytes: 1024,
    formPage: '/enroll',
  },
  async (ctx) => {
    const to = ctx.body.to && ctx.body.to !== 'start' ? `/enroll/${ctx.body.to}` : '/enroll';
    ctx.setCookie(ENROLLMENT_COOKIE, '', { maxAge: 0 });
    return ctx.isForm ? seeOther(ctx, to) : json({ url: `/${ctx.locale}${to}` });
  },
);
