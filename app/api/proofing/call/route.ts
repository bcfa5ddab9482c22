// GET (header x-booking-secret) → the resident's call: the appointment, the
// session's phase, the code's state, the outcome (with the grant code while
// an approval's grant lives), the last relay sequence and the ICE servers.
import { route } from '@/app/_lib/route';
import { getResidentCallState } from '@/lib/proofing';
import { iceServersOf, proofingDeps, secretOf } from '../_lib/proofing';

export const dynamic = 'force-dynamic';

export const GET = route({}, async ({ request, app }) => {
  const state = await getResidentCallState(proofingDeps(app), { secret: secretOf(request) });
  return { ...state, iceServers: iceServersOf(app) };
});
