// THE CARD SIMULATOR, server side, demo databases only: POST {challenge} →
// the simulated chip of the card this browser's enrollment identified signs
// the challenge, as a real chip would over NFC. It runs here, not in the
// browser, because the simulator secret would let anyone act as any
// simulated card. On any other database it does not exist (404).
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { chipSimulatorSecretFor, isDemoDatabase } from '@/db/seed';
import { loadCardSimulator } from '@/lib/chip';
import { getAppContext } from '@/lib/context';
import { enrollmentErrors, simulateCardTap } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, failure, json, readBody } from '../_lib/http';

const schema = z.object({ locale: z.string().max(10).optional(), challenge: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/) });

export async function POST(request: NextRequest) {
  try {
    const { db, config } = await getAppContext();
    const simulator = config.seedDemo && (await isDemoDatabase(db)) ? await loadCardSimulator(await chipSimulatorSecretFor(db)) : null;
    if (!simulator) throw enrollmentErrors.create('simulator_unavailable');
    const body = await readBody(request, schema);
    return json(await simulateCardTap(await enrollmentDeps(), enrollmentToken(request), simulator, body.data.challenge));
  } catch (error) {
    return failure(request, error);
  }
}
