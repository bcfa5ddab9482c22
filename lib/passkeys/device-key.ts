// The device key: an ECDSA P-256 key made with WebCrypto on the phone at
// enrollment (non-extractable, kept in IndexedDB). The server keeps only its
// public half (JWK) and checks its signature over the server's challenge,
// next to the passkey assertion over that same challenge.
import { createPublicKey, verify } from 'node:crypto';
import { z } from 'zod';
import type { DevicePublicKeyJwk } from '@/db/schema';
import { passkeyErrors } from './errors';

const b64url32 = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const devicePublicKeySchema = z
  .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: b64url32, y: b64url32 })
  .loose();

/** The JWK trimmed to its public members, or device_key_invalid (not on the curve, not P-256, …). */
export function parseDevicePublicKey(value: unknown): DevicePublicKeyJwk {
  const parsed = devicePublicKeySchema.safeParse(value);
  if (!parsed.success) throw passkeyErrors.create('device_key_invalid');
  const jwk: DevicePublicKeyJwk = { kty: 'EC', crv: 'P-256', x: parsed.data.x, y: parsed.data.y };
  try {
    // Rejects points that are not on the curve.
    createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    throw passkeyErrors.create('device_key_invalid');
  }
  return jwk;
}

/**
 * True when `signature` (base64url; IEEE P1363 r||s as WebCrypto makes it,
 * or DER) is the device key's ECDSA-SHA256 signature over the challenge's
 * bytes.
 */
export function isDeviceSignatureValid(jwk: DevicePublicKeyJwk, challenge: string, signature: string): boolean {
  if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(signature)) return false;
  const sig = Buffer.from(signature, 'base64url');
  const data = Buffer.from(challenge, 'base64url');
  try {
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    const dsaEncoding = sig.length === 64 ? 'ieee-p1363' : 'der';
    return verify('sha256', data, { key, dsaEncoding }, sig);
  } catch {
    return false;
  }
}

export function assertDeviceSignature(jwk: DevicePublicKeyJwk, challenge: string, signature: unknown): void {
  if (typeof signature !== 'string' || !isDeviceSignatureValid(jwk, challenge, signature)) {
    throw passkeyErrors.create('device_signature_invalid');
  }
}
