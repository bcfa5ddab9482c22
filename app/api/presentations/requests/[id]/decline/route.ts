import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { declinePresentationRequest, getPresentationDeps } from '@/lib/presentation';

export const dynamic = 'force-dynamic';

/** POST {locale}: the holder says no. */
export const POST = route(
  { params: z.object({ id: z.string().max(100) }), body: z.object({ locale: z.string().max(10).optional() }), maxBytes: 1024 },
  async ({ params, locale }) => {
    const deps = await getPresentationDeps();
    const answered = await declinePresentationRequest(deps.db, deps.clock, { id: params.id, locale });
    return { state: answered.state };
  },
);
