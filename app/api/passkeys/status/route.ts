// POST {credentialId} → {status: active | moved | revoked | locked | unknown}:
// what the phone holding this card should say (e.g. "your card moved to
// another phone"). Reveals nothing but the status of a card whose random
// ID the caller already holds.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { getCardStatus } from '@/lib/passkeys';
import { localeField } from '../../enrollment/_lib/enrollment';

export const POST = route(
  { body: z.object({ locale: localeField, credentialId: z.string().regex(/^[A-Za-z0-9_-]{1,1400}$/) }), maxBytes: 4096 },
  async ({ app, body }) => getCardStatus(app.db, body.credentialId),
);
