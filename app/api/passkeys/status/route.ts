// POST {credentialId} → {status: active | moved | revoked | locked | unknown}:
// what the phone holding this card should say (e.g. "your card moved to
// another phone"). Reveals nothing but the status of a card whose random
// ID the caller already holds.
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getAppContext } from '@/lib/context';
import { getCardStatus } from '@/lib/passkeys';
import { failure, json, readBody } from '../../enrollment/_lib/http';

const schema = z.object({ locale: z.string().max(10).optional(), credentialId: z.string().regex(/^[A-Za-z0-9_-]{1,1400}$/) });

export async function POST(request: NextRequest) {
  try {
    const body = await readBody(request, schema);
    const { db } = await getAppContext();
    return json(await getCardStatus(db, body.data.credentialId));
  } catch (error) {
    return failure(request, error);
  }
}
