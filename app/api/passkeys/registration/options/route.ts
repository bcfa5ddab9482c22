// POST {} → WebAuthn creation options for this browser's enrollment at its
// passkey step (resident key and user verification required, attestation
// none, the resident's active card excluded).
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { beginPasskeyStep } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, localeField } from '../../../enrollment/_lib/enrollment';

export const POST = route({ body: z.strictObject({ locale: localeField }), maxBytes: 1024 }, async ({ app, request }) => ({
  options: await beginPasskeyStep(enrollmentDeps(app, request), enrollmentToken(request)),
}));
