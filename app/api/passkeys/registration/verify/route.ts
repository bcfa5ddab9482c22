// POST {response, devicePublicKey, deviceSignature} → verifies the new
// passkey and the device key's signature over the same challenge, and
// issues the card to this phone (revoking the card on any other phone).
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { completePasskeyStep } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, localeField } from '../../../enrollment/_lib/enrollment';

// The credential itself is checked field by field in lib/passkeys (so that
// each way it can be wrong gets its own error); here only its shape and size
// (a WebAuthn attestation, with its client data, fits well in 64 KiB).
export const POST = route(
  {
    body: z.object({
      locale: localeField,
      response: z.record(z.string(), z.unknown()),
      devicePublicKey: z.record(z.string(), z.unknown()),
      deviceSignature: z.string().max(200),
    }),
    maxBytes: 64 * 1024,
  },
  async ({ app, request, body, locale }) => {
    const issued = await completePasskeyStep(enrollmentDeps(app, request), enrollmentToken(request), body);
    return { ...issued, url: `/${locale}/enroll/done` };
  },
);
