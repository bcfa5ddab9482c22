// POST {response} → verifies the staff passkey assertion, opens a staff
// session (httpOnly cookie) and answers {ok: true, role}.
import { z } from 'zod';
import { json, route } from '@/app/_lib/route';
import { putSessionCookie, sessionCookieFrom } from '@/app/_lib/session-cookie';
import { STAFF_SESSION_TTL_MS } from '@/lib/security';
import { authenticationResponseSchema, finishStaffSignIn } from '@/lib/staff';

export const POST = route({ body: z.object({ response: authenticationResponseSchema }), maxBytes: 64 * 1024 }, async ({ request, body, app }) => {
  const result = await finishStaffSignIn(app.db, app.clock, app.config, { response: body.response, previousToken: sessionCookieFrom(request, 'staff') });
  const response = json({ ok: true, role: result.role });
  putSessionCookie(response, request, 'staff', result.sessionToken, STAFF_SESSION_TTL_MS);
  return response;
});
