import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { KID_LENGTH, parseSigningKey, resolveSigningKey, SIGNING_KEY_FILE } from './signing-key';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-signing-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('signing key', () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const jwk = pair.privateKey.export({ format: 'jwk' });

  it('reads a PKCS#8 PEM and a JWK to the same key; the kid comes from the RFC 7638 thumbprint', async () => {
    const fromPem = await parseSigningKey(pem);
    const fromJwk = await parseSigningKey(JSON.stringify(jwk));
    const fromEscaped = await parseSigningKey(pem.replace(/\n/g, '\\n'));
    expect(fromPem.kid).toBe(fromJwk.kid);
    expect(fromEscaped.kid).toBe(fromPem.kid);
    const thumbprint = await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! });
    expect(fromPem.kid).toBe(thumbprint.slice(0, KID_LENGTH));
    expect(fromPem.publicJwk).toEqual({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: fromPem.kid, alg: 'ES256', use: 'sig' });
    expect(fromPem.publicJwk).not.toHaveProperty('d');
  });

  it('refuses keys that are not P-256 private keys', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await expect(parseSigningKey(rsa)).rejects.toThrow(/P-256/);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'jwk' });
    await expect(parseSigningKey(JSON.stringify(p384))).rejects.toThrow(/P-256/);
    await expect(parseSigningKey(JSON.stringify({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }))).rejects.toThrow(/private/);
    await expect(parseSigningKey('not a key')).rejects.toThrow(/PKCS#8/);
  });

  it('embedded default: generates a key into the data directory once (mode 600), then reuses it', async () => {
    const dataDir = tempDir();
    const first = await resolveSigningKey({ database: 'pglite', dataDir, signingKey: undefined });
    const file = path.join(dataDir, SIGNING_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = await resolveSigningKey({ database: 'pglite', dataDir, signingKey: undefined });
    expect(again.kid).toBe(first.kid);
  });

  it('configuration wins over the file; PostgreSQL without a configured key is refused', async () => {
    const dataDir = tempDir();
    const configured = await resolveSigningKey({ database: 'pglite', dataDir, signingKey: pem });
    expect(configured.kid).toBe((await parseSigningKey(pem)).kid);
    expect(fs.existsSync(path.join(dataDir, SIGNING_KEY_FILE))).toBe(false);
    await expect(resolveSigningKey({ database: 'postgres', dataDir, signingKey: undefined })).rejects.toThrow(/ARC_SIGNING_KEY/);
    expect((await resolveSigningKey({ database: 'postgres', dataDir, signingKey: pem })).kid).toBe(configured.kid);
  });
});
