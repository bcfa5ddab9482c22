// POST {response} → verifies the staff passkey assertion, opens a staff
// session (httpOnly cookie) and answers {ok: true, role}.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { putSessionCookie } from '@/app/_lib/session-cookie';
import { getAppContext } from '@/lib/context';
import { STAFF_SESSION_TTL_MS } from '@/lib/security/sessions';
import { authenticationResponseSchema, finishStaffSignIn } from '@/lib/staff';
import { errorResponse, json, readJson } from '../../_lib/http';

const bodySchema = z.object({ response: authenticationResponseSchema });

export async function POST(request: NextRequest): Promise<Response> {
  try {
    const body = await readJson(request, bodySchema);
    const { db, clock, config } = await getAppContext();
    const started = performance.now();
    const result = await finishStaffSignIn(db, clock, config, { response: body.response });
    const response = json({ ok: true, role: result.role }, { timingMs: performance.now() - started });
    putSessionCookie(response, request, 'staff', result.sessionToken, STAFF_SESSION_TTL_MS);
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
