// POST {challenge, signature} → the server checks the chip's signature over
// its challenge against the chip public key in the registry.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { completeChipProof, stepUrl } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, failure, json, readBody } from '../../_lib/http';

const schema = z.object({
  locale: z.string().max(10).optional(),
  challenge: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/),
  signature: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/),
});

export async function POST(request: NextRequest) {
  const started = performance.now();
  try {
    const body = await readBody(request, schema);
    await completeChipProof(await enrollmentDeps(), enrollmentToken(request), body.data);
    return json({ step: 'passkey', url: `/${body.locale}${stepUrl('chip', 'passkey')}` }, started);
  } catch (error) {
    return failure(request, error);
  }
}
