// POST {response, deviceSignature} → the card is unlocked when the passkey
// assertion and the device key's signature over the same challenge both
// verify. (The presentation issue's own routes call completeUnlock the same
// way and then sign what the holder shows.)
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getAppContext } from '@/lib/context';
import { completeUnlock } from '@/lib/passkeys';
import { failure, json, readBody } from '../../../enrollment/_lib/http';

const schema = z.object({
  locale: z.string().max(10).optional(),
  response: z.record(z.string(), z.unknown()),
  deviceSignature: z.string().max(200),
});

export async function POST(request: NextRequest) {
  const started = performance.now();
  try {
    const body = await readBody(request, schema);
    const { db, clock, config } = await getAppContext();
    const credential = await completeUnlock(db, clock, config, body.data);
    return json({ unlocked: true, credentialId: credential.credentialId }, started);
  } catch (error) {
    return failure(request, error);
  }
}
