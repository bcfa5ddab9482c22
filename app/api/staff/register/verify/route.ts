// POST {token, response} → verifies the invitee's new passkey, uses up the
// invitation, activates the account and signs the new staff member in.
import { z } from 'zod';
import { json, route } from '@/app/_lib/route';
import { putSessionCookie, sessionCookieFrom } from '@/app/_lib/session-cookie';
import { STAFF_SESSION_TTL_MS } from '@/lib/security';
import { finishStaffRegistration, registrationResponseSchema } from '@/lib/staff';

export const POST = route(
  { body: z.object({ token: z.string().min(1).max(100), response: registrationResponseSchema }), maxBytes: 64 * 1024 },
  async ({ request, body, app }) => {
    const result = await finishStaffRegistration(app.db, app.clock, app.config, app.keys, { inviteToken: body.token, response: body.response, previousToken: sessionCookieFrom(request, 'staff') });
    const response = json({ ok: true });
    putSessionCookie(response, request, 'staff', result.sessionToken, STAFF_SESSION_TTL_MS);
    return response;
  },
);
