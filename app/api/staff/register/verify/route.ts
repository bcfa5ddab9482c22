// POST {token, response} → verifies the invitee's new passkey, uses up the
// invitation, activates the account and signs the new staff member in.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { putSessionCookie } from '@/app/_lib/session-cookie';
import { getAppContext } from '@/lib/context';
import { STAFF_SESSION_TTL_MS } from '@/lib/security/sessions';
import { finishStaffRegistration, registrationResponseSchema } from '@/lib/staff';
import { errorResponse, json, readJson } from '../../_lib/http';

const bodySchema = z.object({ token: z.string().min(1).max(100), response: registrationResponseSchema });

export async function POST(request: NextRequest): Promise<Response> {
  try {
    const body = await readJson(request, bodySchema);
    const { db, clock, config, keys } = await getAppContext();
    const started = performance.now();
    const result = await finishStaffRegistration(db, clock, config, keys, { inviteToken: body.token, response: body.response });
    const response = json({ ok: true }, { timingMs: performance.now() - started });
    putSessionCookie(response, request, 'staff', result.sessionToken, STAFF_SESSION_TTL_MS);
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
