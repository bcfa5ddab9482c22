// THE CARD SIMULATOR: signs chip challenges in place of a real card's chip,
// with the keys the demo seed derived for each synthetic chip card
// (lib/population/chip-simulator.ts). It runs on the server, behind a route that
// exists only on demo databases, because the simulator secret would let
// anyone act as any simulated card: it must not ship to every browser.
import { simulateChipSignature } from '@/lib/population';
import type { ChipReader } from './reader';

export class CardSimulator implements ChipReader {
  readonly kind = 'simulator' as const;
  constructor(private readonly secret: Uint8Array) {}

  async signChallenge(cardSerial: string, challenge: Uint8Array): Promise<Uint8Array> {
    return simulateChipSignature(cardSerial, this.secret, challenge);
  }
}

/** The card simulator for this demo database, or null when there is none (not a demo, or no chip cards seeded). */
export async function loadCardSimulator(secret: Uint8Array | undefined | null): Promise<CardSimulator | null> {
  return secret && secret.length === 32 ? new CardSimulator(secret) : null;
}
