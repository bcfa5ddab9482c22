import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { closeCard, completeCardUnlock, getPresentationDeps } from '@/lib/presentation';
import { CARD_COOKIE, errorResponse, json, localeOf, parseBody, setCardCookie } from '../_lib/respond';

export const dynamic = 'force-dynamic';

const body = z.object({ response: z.unknown(), deviceSignature: z.string().max(200), locale: z.string().max(10).optional() });

/** POST {response, deviceSignature}: the passkey assertion and the device key's signature; opens the card. */
export async function POST(request: NextRequest) {
  let locale = localeOf(undefined);
  try {
    const input = await parseBody(request, body, 64 * 1024);
    locale = localeOf(input.locale);
    const deps = await getPresentationDeps();
    const unlocked = await completeCardUnlock(deps, { response: input.response, deviceSignature: input.deviceSignature });
    const response = json({ unlocked: true, expiresAt: unlocked.expiresAt.toISOString() });
    setCardCookie(response, request, unlocked.cardKey, unlocked.expiresAt.getTime() - deps.clock.now().getTime());
    return response;
  } catch (error) {
    return errorResponse(error, locale);
  }
}

/** DELETE: closes the card on this phone at once. */
export async function DELETE(request: NextRequest) {
  const cardKey = request.cookies.get(CARD_COOKIE)?.value;
  const response = json({ unlocked: false });
  setCardCookie(response, request, '', 0);
  try {
    const deps = await getPresentationDeps();
    await closeCard(deps, cardKey);
  } catch {
    // The cookie is gone either way; the session ends by itself within minutes.
  }
  return response;
}
