// GET → {status: none | active | moved | revoked | locked | unknown}: what
// became of the card open on this phone (the card cookie's own card, and no
// other). The open card screen asks every few seconds while it is visible,
// so that a card moved, locked or cancelled elsewhere leaves the screen at
// once. One indexed read; reveals nothing but the status of the card whose
// random ID the cookie already holds.
import { route } from '@/app/_lib/route';
import { getCardStatus } from '@/lib/passkeys';
import { CARD_COOKIE } from '../_lib/card-cookie';

export const dynamic = 'force-dynamic';

const CREDENTIAL_ID = /^[A-Za-z0-9_-]{1,1400}$/;

export const GET = route({}, async ({ request, app }) => {
  const cardKey = request.cookies.get(CARD_COOKIE)?.value ?? '';
  const credentialId = cardKey.slice(cardKey.indexOf('.') + 1);
  const headers = { 'cache-control': 'no-store' };
  if (!cardKey.includes('.') || !CREDENTIAL_ID.test(credentialId)) return Response.json({ status: 'none' }, { headers });
  const { status } = await getCardStatus(app.db, credentialId);
  return Response.json({ status }, { headers });
});
