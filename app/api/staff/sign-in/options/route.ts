// POST → WebAuthn request options for a staff passkey sign-in (discoverable,
// user verification required). The challenge is stored in the database.
import { getAppContext } from '@/lib/context';
import { startStaffSignIn } from '@/lib/staff';
import { errorResponse, json } from '../../_lib/http';

export async function POST(): Promise<Response> {
  try {
    const { db, clock, config } = await getAppContext();
    return json(await startStaffSignIn(db, clock, config));
  } catch (error) {
    return errorResponse(error);
  }
}
