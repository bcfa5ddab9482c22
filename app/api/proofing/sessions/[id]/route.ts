// GET → the session's officer's view: the registry facts to compare, the
// liveness prompts, the checklist, the code's state, consent and stills,
// the fraud flag and the outcome. Officers only, and only their own session.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { getOfficerSessionView, listStills } from '@/lib/proofing';
import { iceServersOf, proofingDeps } from '../../_lib/proofing';

export const dynamic = 'force-dynamic';

export const GET = route({ params: z.object({ id: z.uuid() }), staff: ['officer'] }, async ({ params, app, staff }) => {
  const deps = proofingDeps(app);
  const input = { officerId: staff!.staffId, sessionId: params.id };
  const [view, stills] = await Promise.all([getOfficerSessionView(deps, input), listStills(deps, input)]);
  return { ...view, stills, iceServers: iceServersOf(app) };
});
