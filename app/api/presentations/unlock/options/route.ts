import { z } from 'zod';
import { beginCardUnlock, getPresentationDeps } from '@/lib/presentation';
import { errorResponse, json, localeOf, parseBody } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

const body = z.object({ credentialId: z.string().min(1).max(1400), locale: z.string().max(10).optional() });

/** POST {credentialId} (the card this phone holds) → {options}: WebAuthn request options with the challenge for both signatures. */
export async function POST(request: Request) {
  let locale = localeOf(undefined);
  try {
    const input = await parseBody(request, body);
    locale = localeOf(input.locale);
    const deps = await getPresentationDeps();
    return json({ options: await beginCardUnlock(deps, input.credentialId) });
  } catch (error) {
    return errorResponse(error, locale);
  }
}
