// The resident's half of the signalling relay. GET ?after=<seq> (header
// x-booking-secret) → the officer's signals after seq; POST {secret, kind,
// payload} → one signal to the officer. Polled about twice a second.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { postSignal, readSignals } from '@/lib/proofing';
import { afterQuery, proofingDeps, secretField, secretOf, signalBody, SIGNAL_MAX_BYTES } from '../../_lib/proofing';

export const dynamic = 'force-dynamic';

export const GET = route({ query: afterQuery }, async ({ request, query, app }) =>
  readSignals(proofingDeps(app), { party: { role: 'resident', secret: secretOf(request) }, after: query.after }),
);

export const POST = route({ body: z.object({ secret: secretField, ...signalBody }), maxBytes: SIGNAL_MAX_BYTES }, async ({ body, app }) =>
  postSignal(proofingDeps(app), { party: { role: 'resident', secret: body.secret }, kind: body.kind, payload: body.payload }),
);
