import { z } from 'zod';
import { declinePresentationRequest, getPresentationDeps } from '@/lib/presentation';
import { errorResponse, json, localeOf, parseBody } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

const body = z.object({ locale: z.string().max(10).optional() });

/** POST: the holder says no. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let locale = localeOf(undefined);
  try {
    const input = await parseBody(request, body, 1024);
    locale = localeOf(input.locale);
    const deps = await getPresentationDeps();
    const answered = await declinePresentationRequest(deps.db, deps.clock, { id, locale });
    return json({ state: answered.state });
  } catch (error) {
    return errorResponse(error, locale);
  }
}
