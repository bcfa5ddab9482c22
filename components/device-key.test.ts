import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isDeviceSignatureValid, parseDevicePublicKey } from '@/lib/passkeys';
import {
  CARD_KEY,
  createDeviceKey,
  exportDevicePublicKey,
  fromBase64url,
  memoryStore,
  PENDING_KEY,
  preparePendingKey,
  promotePendingKey,
  readRememberedCard,
  rememberCard,
  signChallenge,
  toBase64url,
} from './device-key';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const challenge = toBase64url(webcrypto.getRandomValues(new Uint8Array(32)));

describe('device key (browser module, run on Node WebCrypto)', () => {
  it('makes a P-256 key whose private half cannot be exported', async () => {
    const pair = await createDeviceKey(subtle);
    expect(pair.privateKey.extractable).toBe(false);
    await expect(subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();
    await expect(subtle.exportKey('pkcs8', pair.privateKey)).rejects.toThrow();
    const jwk = await exportDevicePublicKey(pair, subtle);
    expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(parseDevicePublicKey(jwk)).toEqual(jwk);
  });

  it("signs the server's challenge so that the server's check accepts it, and only it", async () => {
    const pair = await createDeviceKey(subtle);
    const jwk = await exportDevicePublicKey(pair, subtle);
    const sig = await signChallenge(pair, challenge, subtle);
    expect(fromBase64url(sig)).toHaveLength(64);
    expect(isDeviceSignatureValid(jwk, challenge, sig)).toBe(true);
    const other = toBase64url(new Uint8Array(32).fill(1));
    expect(isDeviceSignatureValid(jwk, other, sig)).toBe(false);
    const stranger = await exportDevicePublicKey(await createDeviceKey(subtle), subtle);
    expect(isDeviceSignatureValid(stranger, challenge, sig)).toBe(false);
  });

  it('keeps the old card key until the new card is issued', async () => {
    const store = memoryStore();
    const old = await createDeviceKey(subtle);
    await store.put(CARD_KEY, old);
    const pending = await preparePendingKey(store, subtle);
    expect(await store.get(CARD_KEY)).toBe(old);
    await promotePendingKey(store);
    expect(await store.get(CARD_KEY)).toBe(pending);
    expect(await store.get(PENDING_KEY)).toBeNull();
  });

  it('round-trips base64url and the remembered card', () => {
    const bytes = new Uint8Array([0, 250, 251, 252, 253, 254, 255, 1]);
    expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
    expect(toBase64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    expect(readRememberedCard(storage)).toBeNull();
    rememberCard({ credentialId: 'abc', issuedAt: '2026-11-23T00:00:00Z' }, storage);
    expect(readRememberedCard(storage)).toEqual({ credentialId: 'abc', issuedAt: '2026-11-23T00:00:00Z' });
  });
});
