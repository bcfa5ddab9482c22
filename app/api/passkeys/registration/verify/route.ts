// POST {response, devicePublicKey, deviceSignature} → verifies the new
// passkey and the device key's signature over the same challenge, and
// issues the card to this phone (revoking the card on any other phone).
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { completePasskeyStep } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, failure, json, readBody } from '../../../enrollment/_lib/http';

// The credential itself is checked field by field in lib/passkeys (so that
// each way it can be wrong gets its own error); here only its size.
const schema = z.object({
  locale: z.string().max(10).optional(),
  response: z.record(z.string(), z.unknown()),
  devicePublicKey: z.record(z.string(), z.unknown()),
  deviceSignature: z.string().max(200),
});

export async function POST(request: NextRequest) {
  const started = performance.now();
  try {
    const body = await readBody(request, schema);
    const issued = await completePasskeyStep(await enrollmentDeps(), enrollmentToken(request), body.data);
    return json({ ...issued, url: `/${body.locale}/enroll/done` }, started);
  } catch (error) {
    return failure(request, error);
  }
}
