import { z } from 'zod';
import { json, route } from '@/app/_lib/route';
import { closeCard, completeCardUnlock, getPresentationDeps } from '@/lib/presentation';
import { CARD_COOKIE, setCardCookie } from '../_lib/card-cookie';

export const dynamic = 'force-dynamic';

/** POST {response, deviceSignature}: the passkey assertion and the device key's signature; opens the card. */
export const POST = route(
  { body: z.object({ response: z.unknown(), deviceSignature: z.string().max(200) }), maxBytes: 64 * 1024 },
  async ({ request, body }) => {
    const deps = await getPresentationDeps();
    const unlocked = await completeCardUnlock(deps, { response: body.response, deviceSignature: body.deviceSignature }, request.cookies.get(CARD_COOKIE)?.value);
    const response = json({ unlocked: true, expiresAt: unlocked.expiresAt.toISOString() });
    setCardCookie(response, request, unlocked.cardKey, unlocked.expiresAt.getTime() - deps.clock.now().getTime());
    return response;
  },
);

/** DELETE: closes the card on this phone at once. */
export const DELETE = route({}, async ({ request }) => {
  const cardKey = request.cookies.get(CARD_COOKIE)?.value;
  // The cookie goes either way; a session the database missed ends by itself within minutes.
  await getPresentationDeps()
    .then((deps) => closeCard(deps, cardKey))
    .catch(() => {});
  const response = json({ unlocked: false });
  setCardCookie(response, request, '', 0);
  return response;
});
