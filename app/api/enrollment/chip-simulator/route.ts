// THE CARD SIMULATOR, server side, demo only: POST {challenge} → the
// simulated chip of the card this browser's enrollment identified signs the
// challenge, as a real chip would over NFC. It runs here, not in the
// browser, because the simulator secret would let anyone act as any
// simulated card. Outside the demo it does not exist (404).
import { z } from 'zod';
import { route } from '@/app/_lib/route';
import { chipSimulatorSecretFor } from '@/lib/population';
import { loadCardSimulator } from '@/lib/chip';
import { enrollmentErrors, simulateCardTap } from '@/lib/enrollment';
import { enrollmentDeps, enrollmentToken, localeField } from '../_lib/enrollment';

export const POST = route(
  {
    body: z.object({ locale: localeField, challenge: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/) }),
    maxBytes: 1024,
    demoOnly: true,
  },
  async ({ app, request, body }) => {
    // A demo database not seeded by this install (no recorded seed) has no simulator secret.
    const simulator = await loadCardSimulator(await chipSimulatorSecretFor(app.db));
    if (!simulator) throw enrollmentErrors.create('simulator_unavailable');
    return simulateCardTap(enrollmentDeps(app, request), enrollmentToken(request), simulator, body.challenge);
  },
);
