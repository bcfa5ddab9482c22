// POST {items: {card_front?: boolean, …}} → the officer ticks or unticks checklist items ("code confirmed" is the app's).
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { OFFICER_CHECKS, updateChecklist, type OfficerCheck } from '@/lib/proofing';
import { localeField, proofingDeps } from '../../../_lib/proofing';

const items = z.object(Object.fromEntries(OFFICER_CHECKS.map((item) => [item, z.boolean().optional()])) as Record<OfficerCheck, z.ZodOptional<z.ZodBoolean>>).strict();

export const POST = route(
  { params: z.object({ id: z.uuid() }), body: z.object({ items, locale: localeField }), maxBytes: 1024, staff: ['officer'] },
  async ({ params, body, app, staff }) => ({
    checklist: await updateChecklist(proofingDeps(app), { officerId: staff!.staffId, sessionId: params.id, items: body.items }),
  }),
);
