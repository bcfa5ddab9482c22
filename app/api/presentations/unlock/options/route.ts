import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { beginCardUnlock, getPresentationDeps } from '@/lib/presentation';

export const dynamic = 'force-dynamic';

/** POST {credentialId} (the card this phone holds) → {options}: WebAuthn request options with the challenge for both signatures. */
export const POST = route({ body: z.object({ credentialId: z.string().min(1).max(1400) }), maxBytes: 4096 }, async ({ body }) => {
  const deps = await getPresentationDeps();
  return { options: await beginCardUnlock(deps, body.credentialId) };
});
