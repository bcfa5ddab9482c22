// The checkpoint key: an Ed25519 key used for nothing but signing audit
// checkpoints (not the presentation signing key). From configuration
// (ARC_AUDIT_KEY: PKCS#8 PEM or JWK), or, on the embedded default only,
// generated once into the data directory (audit-key.pem, mode 600). A
// server database without a configured key is refused: every instance
// must sign with the one key the published checkpoints are checked with.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { AppConfig } from '@/lib/config';

export const AUDIT_KEY_FILE = 'audit-key.pem';

export type AuditPublicJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string };

export type AuditPublicKey = {
  /** RFC 7638 thumbprint (SHA-256, base64url) of the public JWK. */
  keyId: string;
  jwk: AuditPublicJwk;
  key: KeyObject;
};

export type AuditKey = AuditPublicKey & { privateKey: KeyObject };

type KeyConfig = Pick<AppConfig, 'auditKey' | 'database' | 'dataDir'>;

/** RFC 7638: SHA-256 of {"crv","kty","x"} in that order, base64url. */
export function keyIdOf(jwk: AuditPublicJwk): string {
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
}

/** A public key from its JWK; throws unless it is an Ed25519 public key. */
export function publicKeyFromJwk(jwk: unknown): AuditPublicKey {
  const j = jwk as Partial<AuditPublicJwk> | null;
  if (!j || j.kty !== 'OKP' || j.crv !== 'Ed25519' || typeof j.x !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(j.x)) {
    throw new Error('an audit checkpoint key must be an Ed25519 public key as JWK: {"kty":"OKP","crv":"Ed25519","x":"…"}');
  }
  const clean: AuditPublicJwk = { kty: 'OKP', crv: 'Ed25519', x: j.x };
  return { keyId: keyIdOf(clean), jwk: clean, key: createPublicKey({ key: clean, format: 'jwk' }) };
}

function fromPrivate(privateKey: KeyObject): AuditKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`ARC_AUDIT_KEY must be an Ed25519 private key, not ${privateKey.asymmetricKeyType ?? 'this kind of key'}`);
  }
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as AuditPublicJwk;
  return { ...publicKeyFromJwk(jwk), privateKey };
}

/** A key from its text: PKCS#8 PEM (openssl genpkey -algorithm ed25519) or a private JWK (with d). */
export function parseAuditKey(text: string): AuditKey {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let jwk: Record<string, unknown>;
    try {
      jwk = JSON.parse(trimmed) as Record<string, unknown>;
    } catch {
      throw new Error('ARC_AUDIT_KEY looks like JSON but does not parse');
    }
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || typeof jwk.x !== 'string') {
      throw new Error('ARC_AUDIT_KEY as JWK must be an Ed25519 private key: {"kty":"OKP","crv":"Ed25519","x":"…","d":"…"}');
    }
    return fromPrivate(createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, format: 'jwk' }));
  }
  const pem = trimmed.replace(/\\n/g, '\n');
  if (!pem.includes('BEGIN PRIVATE KEY')) {
    throw new Error('ARC_AUDIT_KEY must be an Ed25519 private key as PKCS#8 PEM (openssl genpkey -algorithm ed25519) or as JWK');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`ARC_AUDIT_KEY does not parse as a private key: ${(error as Error).message}`);
  }
  return fromPrivate(key);
}

export function generateAuditKey(): { key: AuditKey; pem: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { key: fromPrivate(privateKey), pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

/** The configured key, or the data directory's; null when there is none (never makes one). */
export function loadAuditKey(config: KeyConfig): AuditKey | null {
  if (config.auditKey) return parseAuditKey(config.auditKey);
  if (config.database === 'postgres') return null;
  try {
    return parseAuditKey(fs.readFileSync(path.join(config.dataDir, AUDIT_KEY_FILE), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The key this instance signs checkpoints with: configured, or made once into the embedded database's folder. */
export function resolveAuditKey(config: KeyConfig): AuditKey {
  const loaded = loadAuditKey(config);
  if (loaded) return loaded;
  if (config.database === 'postgres') {
    throw new Error(
      'ARC Mobile refuses to start on PostgreSQL without ARC_AUDIT_KEY: each instance would sign audit checkpoints with a key of its own. ' +
        'Set ARC_AUDIT_KEY to one Ed25519 private key for all instances, e.g. `openssl genpkey -algorithm ed25519` (PKCS#8 PEM).',
    );
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const { key, pem } = generateAuditKey();
  try {
    // wx: never overwrite a key another process wrote meanwhile.
    fs.writeFileSync(path.join(config.dataDir, AUDIT_KEY_FILE), pem, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveAuditKey(config);
    throw error;
  }
}

export function signWith(key: AuditKey, message: string): Buffer {
  return sign(null, Buffer.from(message, 'utf8'), key.privateKey);
}

export function verifyWith(key: AuditPublicKey, message: string, signature: Uint8Array): boolean {
  try {
    return verify(null, Buffer.from(message, 'utf8'), key.key, signature);
  } catch {
    return false;
  }
}
