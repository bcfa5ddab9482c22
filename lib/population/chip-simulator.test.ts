import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createECDH, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chipPublicKeyFromSpki,
  chipSimulatorPrivateJwk,
  chipSimulatorPrivateKey,
  chipSimulatorPublicKeySpki,
  chipSimulatorSecretFromSeed,
  readChipSimulatorSecret,
  simulateChipSignature,
  writeChipSimulatorSecret,
} from './chip-simulator';

const secret = chipSimulatorSecretFromSeed('test-seed');
const challenge = Buffer.from('server challenge 7f3a', 'utf8');

describe('chip simulator', () => {
  it('signs a challenge that the stored public key verifies, and only that challenge', () => {
    const spki = chipSimulatorPublicKeySpki(secret, 'IC000000123');
    const publicKey = chipPublicKeyFromSpki(spki);
    expect(publicKey.asymmetricKeyType).toBe('ec');
    expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    for (const encoding of ['ieee-p1363', 'der'] as const) {
      const signature = simulateChipSignature('IC000000123', secret, challenge, encoding);
      expect(verify('sha256', challenge, { key: publicKey, dsaEncoding: encoding }, signature)).toBe(true);
      expect(verify('sha256', Buffer.from('another challenge'), { key: publicKey, dsaEncoding: encoding }, signature)).toBe(false);
    }
  });

  it('a signature by another card, or by the same card under another simulator secret, does not verify', () => {
    const publicKey = chipPublicKeyFromSpki(chipSimulatorPublicKeySpki(secret, 'IC000000123'));
    const otherCard = simulateChipSignature('IC000000124', secret, challenge);
    const otherSecret = simulateChipSignature('IC000000123', chipSimulatorSecretFromSeed('other-seed'), challenge);
    expect(verify('sha256', challenge, { key: publicKey, dsaEncoding: 'ieee-p1363' }, otherCard)).toBe(false);
    expect(verify('sha256', challenge, { key: publicKey, dsaEncoding: 'ieee-p1363' }, otherSecret)).toBe(false);
  });

  it('derives the same key for the same serial and secret, a different one otherwise', () => {
    const a = chipSimulatorPublicKeySpki(secret, 'IC000000001');
    expect(chipSimulatorPublicKeySpki(chipSimulatorSecretFromSeed('test-seed'), 'IC000000001')).toEqual(a);
    expect(chipSimulatorPublicKeySpki(secret, 'IC000000002')).not.toEqual(a);
    expect(a.length).toBe(91);
  });

  it('stores SPKI DER that matches the private key (node export and the JWK agree)', () => {
    const jwk = chipSimulatorPrivateJwk(secret, 'IC000000009');
    const fromPrivate = createPublicKey(chipSimulatorPrivateKey('IC000000009', secret)).export({ format: 'der', type: 'spki' });
    expect(Buffer.from(fromPrivate)).toEqual(chipSimulatorPublicKeySpki(secret, 'IC000000009'));
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(jwk.d!, 'base64url'));
    expect(ecdh.getPublicKey().subarray(1, 33).toString('base64url')).toBe(jwk.x);
  });

  it('writes its secret beside the data (owner-only) and reads it back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-chip-'));
    try {
      expect(readChipSimulatorSecret(dir)).toBeUndefined();
      const file = writeChipSimulatorSecret(dir, secret);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(readChipSimulatorSecret(dir)).toEqual(secret);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
