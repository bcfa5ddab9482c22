// The officer's half of the signalling relay: GET ?after=<seq> → the
// resident's signals after seq; POST {kind, payload} → one signal to the
// resident (a "prompt" shows one of the session's liveness prompts there).
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { postSignal, readSignals } from '@/lib/proofing';
import { afterQuery, proofingDeps, signalBody, SIGNAL_MAX_BYTES } from '../../../_lib/proofing';

export const dynamic = 'force-dynamic';

const params = z.object({ id: z.uuid() });

export const GET = route({ params, query: afterQuery, staff: ['officer'] }, async ({ params, query, app, staff }) =>
  readSignals(proofingDeps(app), { party: { role: 'officer', officerId: staff!.staffId, sessionId: params.id }, after: query.after }),
);

export const POST = route({ params, body: z.object(signalBody), maxBytes: SIGNAL_MAX_BYTES, staff: ['officer'] }, async ({ params, body, app, staff }) =>
  postSignal(proofingDeps(app), { party: { role: 'officer', officerId: staff!.staffId, sessionId: params.id }, kind: body.kind, payload: body.payload }),
);
