// POST {token} → WebAuthn creation options for the invitee of a one-time
// staff invitation (resident key and user verification required).
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getAppContext } from '@/lib/context';
import { startStaffRegistration } from '@/lib/staff';
import { errorResponse, json, readJson } from '../../_lib/http';

const bodySchema = z.object({ token: z.string().min(1).max(100) });

export async function POST(request: NextRequest): Promise<Response> {
  try {
    const body = await readJson(request, bodySchema);
    const { db, clock, config, keys } = await getAppContext();
    return json(await startStaffRegistration(db, clock, config, keys, { inviteToken: body.token }));
  } catch (error) {
    return errorResponse(error);
  }
}
