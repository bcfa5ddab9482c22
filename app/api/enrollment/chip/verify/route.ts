// POST {challenge, signature} → the server checks the chip's signature over
// its challenge against the chip public key in the registry.
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { completeChipProof } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, localeField, nextStep } from '../../_lib/enrollment';

export const POST = route(
  {
    body: z.object({
      locale: localeField,
      challenge: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/),
      signature: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/),
    }),
    maxBytes: 2048,
  },
  async (ctx) => {
    const { challenge, signature } = ctx.body;
    await completeChipProof(enrollmentDeps(ctx.app, ctx.request), enrollmentToken(ctx.request), { challenge, signature });
    return nextStep(ctx, 'chip', 'passkey');
  },
);
