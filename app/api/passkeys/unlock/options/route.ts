// POST {credentialId} → one challenge for unlocking this phone's card: the
// passkey assertion and the device key's signature both go over it. A card
// that moved to another phone, was revoked or locked is refused here, with
// the reason, before any prompt.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getAppContext } from '@/lib/context';
import { beginUnlock } from '@/lib/passkeys';
import { failure, json, readBody } from '../../../enrollment/_lib/http';

const schema = z.object({ locale: z.string().max(10).optional(), credentialId: z.string().regex(/^[A-Za-z0-9_-]{1,1400}$/) });

export async function POST(request: NextRequest) {
  const started = performance.now();
  try {
    const body = await readBody(request, schema);
    const { db, clock, config } = await getAppContext();
    return json({ options: await beginUnlock(db, clock, config, { credentialId: body.data.credentialId }) }, started);
  } catch (error) {
    return failure(request, error);
  }
}
