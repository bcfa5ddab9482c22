// The card's IC chip proves possession of the card by signing a server
// challenge (ECDSA P-256 over SHA-256) with a key that never leaves the
// chip; the server checks the signature against the chip public key the
// registry recorded when the card was made. On a phone the chip is read
// over NFC, which a web page cannot do: the demo uses a card simulator
// (simulator.ts) in the chip's place. The verification here is real.
import { createPublicKey, verify } from 'node:crypto';

/** What reads a card's chip: the phone's NFC in the real world, a simulator here. */
export interface ChipReader {
  readonly kind: 'nfc' | 'simulator';
  /** The chip's signature over the challenge's bytes (IEEE P1363 r||s or DER), for the card with this serial. */
  signChallenge(cardSerial: string, challenge: Uint8Array): Promise<Uint8Array>;
}

/** True when `signature` is the chip's signature over `challenge`, checked against its SPKI public key. */
export function isChipSignatureValid(chipPublicKeySpki: Uint8Array, challenge: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length < 8 || signature.length > 80) return false;
  try {
    const key = createPublicKey({ key: Buffer.from(chipPublicKeySpki), format: 'der', type: 'spki' });
    const dsaEncoding = signature.length === 64 ? 'ieee-p1363' : 'der';
    return verify('sha256', challenge, { key, dsaEncoding }, signature);
  } catch {
    return false;
  }
}
