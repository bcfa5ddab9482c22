// THE CHIP SIMULATOR. A web page cannot talk to the IC chip of a real
// registration card, so for the synthetic population each chip card's key
// pair is derived from a simulator secret and the card serial. The registry
// stores only the public key (as the ministry would, from card issuance);
// the card simulator of the issuance journey (issue 4) uses
// chipSimulatorPrivateKey() to sign server challenges in place of the chip,
// and the server verifies those signatures for real against the stored key.
//
// Nothing here is used for a real card. The simulator secret is derived from
// the seed of the synthetic population, so anyone who knows the seed can act
// as any simulated chip: that is the point of a simulator, and why these keys
// exist only in demo databases.
import fs from 'node:fs';
import path from 'node:path';
import { createECDH, createPrivateKey, createPublicKey, hkdfSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto';

export const CHIP_SIMULATOR_KEY_FILE = 'chip-simulator.key';

/** P-256 group order. */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
/** DER prefix of a P-256 SubjectPublicKeyInfo, before the 65-byte uncompressed point. */
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

/** The simulator secret for a population seed: 32 bytes. */
export function chipSimulatorSecretFromSeed(seed: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(seed, 'utf8'), 'arc-mobile chip simulator', 'secret/v1', 32));
}

/** The chip's private scalar: HKDF(secret, serial) reduced into [1, n-1]. */
export function chipSimulatorPrivateScalar(secret: Uint8Array, serial: string): Buffer {
  const okm = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `arc-mobile/chip-simulator/p256/${serial}`, 48));
  // 48 bytes reduced mod n-1 (then +1): no bias worth naming, never zero.
  const d = (BigInt('0x' + okm.toString('hex')) % (P256_N - 1n)) + 1n;
  return Buffer.from(d.toString(16).padStart(64, '0'), 'hex');
}

let sharedEcdh: ReturnType<typeof createECDH> | undefined;

/** The chip's uncompressed public point (65 bytes: 04 | x | y). */
function publicPoint(d: Buffer): Buffer {
  sharedEcdh ??= createECDH('prime256v1');
  sharedEcdh.setPrivateKey(d);
  return sharedEcdh.getPublicKey();
}

/** The chip's public key as SPKI DER: what cards.chip_public_key holds. */
export function chipSimulatorPublicKeySpki(secret: Uint8Array, serial: string): Buffer {
  return Buffer.concat([P256_SPKI_PREFIX, publicPoint(chipSimulatorPrivateScalar(secret, serial))]);
}

/** The simulated chip's private key as a JWK (for a card simulator running in a browser). */
export function chipSimulatorPrivateJwk(secret: Uint8Array, serial: string): JsonWebKey {
  const d = chipSimulatorPrivateScalar(secret, serial);
  const point = publicPoint(d);
  return {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
    d: d.toString('base64url'),
  };
}

/** The simulated chip's private key, to sign a challenge in place of the chip. */
export function chipSimulatorPrivateKey(serial: string, secret: Uint8Array): KeyObject {
  return createPrivateKey({ key: chipSimulatorPrivateJwk(secret, serial), format: 'jwk' });
}

/**
 * Signs a challenge as the simulated chip would: ECDSA P-256 over SHA-256.
 * `encoding` 'ieee-p1363' gives r|s (64 bytes, what WebCrypto produces), 'der' the ASN.1 form.
 */
export function simulateChipSignature(
  serial: string,
  secret: Uint8Array,
  challenge: Uint8Array,
  encoding: 'ieee-p1363' | 'der' = 'ieee-p1363',
): Buffer {
  return sign('sha256', challenge, { key: chipSimulatorPrivateKey(serial, secret), dsaEncoding: encoding });
}

/** The stored public key (SPKI DER) as a KeyObject, for verifying a chip's signature. */
export function chipPublicKeyFromSpki(spki: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
}

/** Writes the simulator secret beside the embedded database (base64, owner-only). */
export function writeChipSimulatorSecret(dataDir: string, secret: Uint8Array): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, CHIP_SIMULATOR_KEY_FILE);
  fs.writeFileSync(file, Buffer.from(secret).toString('base64') + '\n', { mode: 0o600 });
  return file;
}

/** Reads the simulator secret written by the seed, or undefined when there is none. */
export function readChipSimulatorSecret(dataDir: string): Buffer | undefined {
  try {
    const secret = Buffer.from(fs.readFileSync(path.join(dataDir, CHIP_SIMULATOR_KEY_FILE), 'utf8').trim(), 'base64');
    return secret.length === 32 ? secret : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
