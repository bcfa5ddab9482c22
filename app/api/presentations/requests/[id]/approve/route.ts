import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { approvePresentationRequest, getPresentationDeps } from '@/lib/presentation';

export const dynamic = 'force-dynamic';

/** POST {response, deviceSignature}: the holder approves with passkey + device key; the verifier gets exactly what it asked for. */
export const POST = route(
  {
    params: z.object({ id: z.string().max(100) }),
    body: z.object({ response: z.unknown(), deviceSignature: z.string().max(200) }),
    maxBytes: 64 * 1024,
  },
  async ({ params, body, locale }) => {
    const deps = await getPresentationDeps();
    const answered = await approvePresentationRequest(deps, {
      id: params.id,
      answer: { response: body.response, deviceSignature: body.deviceSignature },
      locale,
    });
    return { state: answered.state };
  },
);
