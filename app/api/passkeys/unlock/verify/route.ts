// POST {response, deviceSignature} → the card is unlocked when the passkey
// assertion and the device key's signature over the same challenge both
// verify. (The presentation issue's own routes call completeUnlock the same
// way and then sign what the holder shows.)
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { completeUnlock } from '@/lib/passkeys';
import { localeField } from '../../../enrollment/_lib/enrollment';

export const POST = route(
  {
    body: z.object({ locale: localeField, response: z.record(z.string(), z.unknown()), deviceSignature: z.string().max(200) }),
    maxBytes: 64 * 1024,
  },
  async ({ app, body }) => {
    const credential = await completeUnlock(app.db, app.clock, app.config, body);
    return { unlocked: true, credentialId: credential.credentialId };
  },
);
