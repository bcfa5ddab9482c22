import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chipSimulatorPublicKeySpki } from '@/lib/population';
import { CardSimulator, isChipSignatureValid } from '.';

const secret = Buffer.alloc(32, 9);
const challenge = Buffer.from('a-server-challenge-of-32-bytes!!');

describe('chip signature verification', () => {
  it("accepts the simulated chip's signature against the chip public key the registry holds", async () => {
    const spki = chipSimulatorPublicKeySpki(secret, 'IC123456789');
    const sig = await new CardSimulator(secret).signChallenge('IC123456789', challenge);
    expect(isChipSignatureValid(spki, challenge, sig)).toBe(true);
  });

  it('accepts a DER signature as a real chip may send it', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = sign('sha256', challenge, privateKey);
    expect(isChipSignatureValid(publicKey.export({ format: 'der', type: 'spki' }), challenge, der)).toBe(true);
  });

  it("refuses another card's signature, another challenge, and garbage", async () => {
    const spki = chipSimulatorPublicKeySpki(secret, 'IC123456789');
    const sim = new CardSimulator(secret);
    expect(isChipSignatureValid(spki, challenge, await sim.signChallenge('IC999999999', challenge))).toBe(false);
    expect(isChipSignatureValid(spki, Buffer.from('another'), await sim.signChallenge('IC123456789', challenge))).toBe(false);
    expect(isChipSignatureValid(spki, challenge, Buffer.alloc(64))).toBe(false);
    expect(isChipSignatureValid(Buffer.from('not a key'), challenge, Buffer.alloc(64, 1))).toBe(false);
  });
});
