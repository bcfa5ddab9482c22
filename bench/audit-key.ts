// A throw-away checkpoint key for the audit bench: signs in memory, writes no file.
import { generateKeyPairSync, sign } from 'node:crypto';
import { publicKeyFromJwk, type AuditPublicKey } from '@/lib/audit';

export function generateAuditKeyForBench(): AuditPublicKey & { sign(text: string): Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const published = publicKeyFromJwk(publicKey.export({ format: 'jwk' }));
  return { ...published, sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey) };
}
