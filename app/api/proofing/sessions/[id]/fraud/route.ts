// POST {reason, note?} → the officer flags the session as suspected fraud; approval is then refused.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { flagFraud, FRAUD_REASONS } from '@/lib/proofing';
import { localeField, proofingDeps } from '../../../_lib/proofing';

export const POST = route(
  {
    params: z.object({ id: z.uuid() }),
    body: z.object({ reason: z.enum(FRAUD_REASONS), note: z.string().max(500).optional(), locale: localeField }),
    maxBytes: 2048,
    staff: ['officer'],
  },
  async ({ params, body, app, staff }) => {
    await flagFraud(proofingDeps(app), { officerId: staff!.staffId, sessionId: params.id, reason: body.reason, note: body.note });
    return { flagged: true };
  },
);
