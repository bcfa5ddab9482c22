// The issuer's ES256 signing key: from configuration (ARC_SIGNING_KEY, a
// P-256 private key as PKCS#8 PEM or as JWK), or, on the embedded default
// only, generated once into the data directory (signing-key.jwk, mode 600).
// A server database without a configured key is refused: every instance
// must sign with a key the others publish.
import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose';
import type { AppConfig } from '@/lib/config';
import type { PublicSigningJwk } from '@/db/schema';

export const SIGNING_KEY_FILE = 'signing-key.jwk';

/**
 * Characters of the RFC 7638 thumbprint used as the kid. The whole
 * thumbprint (43 characters) would take 57 of the token's 450 bytes; 8
 * characters (48 bits) tell the few published keys apart, and the kid only
 * picks a key: the signature is then checked against that whole key.
 */
export const KID_LENGTH = 8;

export type SigningKey = {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: PublicSigningJwk;
};

const P256_PRIVATE_JWK = (jwk: JWK) =>
  jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string' && typeof jwk.d === 'string';

export async function kidOf(jwk: { x: string; y: string }): Promise<string> {
  const thumbprint = await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, 'sha256');
  return thumbprint.slice(0, KID_LENGTH);
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  if (!P256_PRIVATE_JWK(jwk)) throw new Error('The signing key must be an EC P-256 private key (kty EC, crv P-256, with d)');
  const privateKey = (await importJWK({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, 'ES256')) as CryptoKey;
  const kid = await kidOf({ x: jwk.x!, y: jwk.y! });
  return { kid, privateKey, publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, kid, alg: 'ES256', use: 'sig' } };
}

/** A key from its text: a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") or a JWK as JSON. */
export async function parseSigningKey(text: string): Promise<SigningKey> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let jwk: JWK;
    try {
      jwk = JSON.parse(trimmed) as JWK;
    } catch {
      throw new Error('ARC_SIGNING_KEY looks like JSON but does not parse');
    }
    return fromPrivateJwk(jwk);
  }
  // Environment variables often carry PEM line breaks as "\n".
  const pem = trimmed.replace(/\\n/g, '\n');
  if (!pem.includes('BEGIN PRIVATE KEY')) {
    throw new Error('ARC_SIGNING_KEY must be a P-256 private key as PKCS#8 PEM (-----BEGIN PRIVATE KEY-----) or as JWK');
  }
  let key: CryptoKey;
  try {
    key = await importPKCS8(pem, 'ES256', { extractable: true });
  } catch (error) {
    throw new Error(`ARC_SIGNING_KEY is not an EC P-256 private key: ${(error as Error).message}`);
  }
  return fromPrivateJwk(await exportJWK(key));
}

/** A fresh key, with its private JWK to store. */
export async function generateSigningKey(): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const privateJwk: JWK = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d };
  return { key: await fromPrivateJwk(privateJwk), privateJwk };
}

export async function resolveSigningKey(config: Pick<AppConfig, 'signingKey' | 'database' | 'dataDir'>): Promise<SigningKey> {
  if (config.signingKey) return parseSigningKey(config.signingKey);
  if (config.database === 'postgres') {
    throw new Error(
      'ARC Mobile refuses to start on PostgreSQL without ARC_SIGNING_KEY: each instance would sign with a key of its own. ' +
        'Set ARC_SIGNING_KEY to one P-256 private key for all instances, e.g. ' +
        '`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` (PKCS#8 PEM).',
    );
  }
  const file = path.join(config.dataDir, SIGNING_KEY_FILE);
  try {
    return await parseSigningKey(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const { key, privateJwk } = await generateSigningKey();
  try {
    // wx: never overwrite a key another process wrote meanwhile.
    fs.writeFileSync(file, JSON.stringify(privateJwk) + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveSigningKey(config);
    throw error;
  }
}
