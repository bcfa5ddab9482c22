// The checkpoint key: its own Ed25519 key, from ARC_AUDIT_KEY (PEM or JWK)
// or made once into the embedded database's folder; never made for
// PostgreSQL, and never made by a reader (the verifier).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIT_KEY_FILE, keyIdOf, loadAuditKey, parseAuditKey, publicKeyFromJwk, resolveAuditKey } from './key';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-audit-key-'));
  dirs.push(dir);
  return dir;
}

describe('the checkpoint key', () => {
  it('is made once into the data directory (mode 600) and found there again', () => {
    const dataDir = tempDir();
    expect(loadAuditKey({ database: 'pglite', dataDir })).toBeNull();
    expect(fs.existsSync(path.join(dataDir, AUDIT_KEY_FILE))).toBe(false); // a reader makes none
    const made = resolveAuditKey({ database: 'pglite', dataDir });
    expect(fs.statSync(path.join(dataDir, AUDIT_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(resolveAuditKey({ database: 'pglite', dataDir }).keyId).toBe(made.keyId);
    expect(loadAuditKey({ database: 'pglite', dataDir })!.keyId).toBe(made.keyId);
  });

  it('comes from ARC_AUDIT_KEY as PKCS#8 PEM (also with \\n escapes) or as JWK, the same key either way', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const jwk = JSON.stringify(privateKey.export({ format: 'jwk' }));
    const a = parseAuditKey(pem);
    expect(parseAuditKey(pem.replace(/\n/g, '\\n')).keyId).toBe(a.keyId);
    expect(parseAuditKey(jwk).keyId).toBe(a.keyId);
    expect(resolveAuditKey({ database: 'postgres', dataDir: tempDir(), auditKey: pem }).keyId).toBe(a.keyId);
    expect(a.keyId).toBe(keyIdOf(a.jwk));
    expect(a.keyId).toMatch(/^[\w-]{43}$/);
  });

  it('is refused on PostgreSQL when not configured, and when it is not an Ed25519 private key', () => {
    expect(() => resolveAuditKey({ database: 'postgres', dataDir: tempDir() })).toThrow(/refuses to start on PostgreSQL without ARC_AUDIT_KEY/);
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => parseAuditKey(p256)).toThrow(/must be an Ed25519 private key/);
    expect(() => parseAuditKey('{"kty":"OKP","crv":"Ed25519","x":"abc"}')).toThrow(/private key/);
    expect(() => parseAuditKey('not a key')).toThrow(/PKCS#8 PEM/);
    expect(() => publicKeyFromJwk({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' })).toThrow(/Ed25519 public key/);
  });

  it('is not the presentation signing key: another algorithm, another file', () => {
    expect(AUDIT_KEY_FILE).not.toBe('signing-key.jwk');
  });
});
