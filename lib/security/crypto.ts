// Encryption of personal data at rest (AES-256-GCM) and the keyed hash used
// to look residents up by registration number without storing it in clear.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

export type DataKeys = {
  /** AES-256-GCM key for personal fields. */
  encryption: Buffer;
  /** HMAC-SHA256 key for lookup hashes. */
  lookup: Buffer;
};

/** Derives separate keys for encryption and lookup from the one data key. */
export function deriveDataKeys(dataKey: Buffer): DataKeys {
  if (dataKey.length !== 32) throw new Error('The data key must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
  return { encryption: derive('arc-mobile/pii-encryption/v1'), lookup: derive('arc-mobile/lookup-hmac/v1') };
}

/** version(1) | iv(12) | tag(16) | ciphertext */
export function encryptField(keys: DataKeys, plaintext: string, aad = ''): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
  if (aad) cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

export function decryptField(keys: DataKeys, sealed: Uint8Array, aad = ''): string {
  const buf = Buffer.from(sealed);
  if (buf[0] !== VERSION || buf.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('Unknown ciphertext format');
  const iv = buf.subarray(1, 1 + IV_BYTES);
  const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keys.encryption, iv);
  if (aad) decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** Registration numbers are written with or without the hyphen: hash one form. */
export function normaliseRegistrationNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function registrationLookupHash(keys: DataKeys, registrationNumber: string): Buffer {
  return createHmac('sha256', keys.lookup).update(normaliseRegistrationNumber(registrationNumber)).digest();
}
