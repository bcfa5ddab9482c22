// POST {outcome: approve} | {outcome: reject, reason} | {outcome: no_show} →
// the session's outcome, one transaction with its audit entry. Approval
// answers with the grant's expiry (the resident's page shows the grant).
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { approveSession, getOfficerSessionView, markNoShow, rejectSession, REJECT_REASONS } from '@/lib/proofing';
import { localeField, proofingDeps } from '../../../_lib/proofing';

const body = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('approve'), locale: localeField }),
  z.object({ outcome: z.literal('reject'), reason: z.enum(REJECT_REASONS), locale: localeField }),
  z.object({ outcome: z.literal('no_show'), locale: localeField }),
]);

export const POST = route({ params: z.object({ id: z.uuid() }), body, maxBytes: 1024, staff: ['officer'] }, async ({ params, body, app, staff }) => {
  const deps = proofingDeps(app);
  const input = { officerId: staff!.staffId, sessionId: params.id };
  if (body.outcome === 'approve') {
    const approval = await approveSession(deps, input);
    return { outcome: 'approved', grantExpiresAt: approval.expiresAt };
  }
  if (body.outcome === 'reject') {
    await rejectSession(deps, { ...input, reason: body.reason });
    return { outcome: 'rejected' };
  }
  const view = await getOfficerSessionView(deps, input);
  await markNoShow(deps, { officerId: input.officerId, bookingId: view.bookingId });
  return { outcome: 'no_show' };
});
