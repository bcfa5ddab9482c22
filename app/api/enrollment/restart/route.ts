// POST (form) {locale} → forgets this browser's enrollment (the cookie) and
// goes back to the start. The enrollment row stays for the funnel and audit.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { clearEnrollmentCookie, failure, json, readBody, seeOther } from '../_lib/http';

export async function POST(request: NextRequest) {
  try {
    const body = await readBody(request, z.object({ locale: z.string().max(10).optional(), to: z.enum(['chip', 'reissue', 'office', 'start']).optional() }));
    const to = body.data.to && body.data.to !== 'start' ? `/enroll/${body.data.to}` : '/enroll';
    const response = body.isForm ? seeOther(request, body.locale, to) : json({ url: `/${body.locale}${to}` });
    return clearEnrollmentCookie(response, request);
  } catch (error) {
    return failure(request, error);
  }
}
