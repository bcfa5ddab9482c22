// POST {} → WebAuthn creation options for this browser's enrollment at its
// passkey step (resident key and user verification required, attestation
// none, the resident's active card excluded).
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { beginPasskeyStep } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, failure, json, readBody } from '../../../enrollment/_lib/http';

export async function POST(request: NextRequest) {
  const started = performance.now();
  try {
    await readBody(request, z.object({ locale: z.string().max(10).optional() }).loose());
    return json({ options: await beginPasskeyStep(await enrollmentDeps(), enrollmentToken(request)) }, started);
  } catch (error) {
    return failure(request, error);
  }
}
