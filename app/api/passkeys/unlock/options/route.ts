// POST {credentialId} → one challenge for unlocking this phone's card: the
// passkey assertion and the device key's signature both go over it. A card
// that moved to another phone, was revoked or locked is refused here, with
// the reason, before any prompt.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { beginUnlock } from '@/lib/passkeys';
import { localeField } from '../../../enrollment/_lib/enrollment';

export const POST = route(
  { body: z.object({ locale: localeField, credentialId: z.string().regex(/^[A-Za-z0-9_-]{1,1400}$/) }), maxBytes: 4096 },
  async ({ app, body }) => ({ options: await beginUnlock(app.db, app.clock, app.config, { credentialId: body.credentialId }) }),
);
