import { z } from 'zod';
import { approvePresentationRequest, getPresentationDeps } from '@/lib/presentation';
import { errorResponse, json, localeOf, parseBody } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

const body = z.object({ response: z.unknown(), deviceSignature: z.string().max(200), locale: z.string().max(10).optional() });

/** POST {response, deviceSignature}: the holder approves with passkey + device key; the verifier gets exactly what it asked for. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let locale = localeOf(undefined);
  try {
    const input = await parseBody(request, body, 64 * 1024);
    locale = localeOf(input.locale);
    const deps = await getPresentationDeps();
    const answered = await approvePresentationRequest(deps, {
      id,
      answer: { response: input.response, deviceSignature: input.deviceSignature },
      locale,
    });
    return json({ state: answered.state });
  } catch (error) {
    return errorResponse(error, locale);
  }
}
