import { describe, expect, it } from 'vitest';
import { decryptField, deriveDataKeys, encryptField, normaliseRegistrationNumber, registrationLookupHash } from './crypto';

const keys = deriveDataKeys(Buffer.alloc(32, 1));
const otherKeys = deriveDataKeys(Buffer.alloc(32, 2));

describe('personal data encryption (AES-256-GCM)', () => {
  it('round-trips any text, in any script', () => {
    for (const text of ['NGUYEN THI LAN', '880923-5900002', '010-2025-0101', '张伟', 'ສົມພອນ', 'محمد', '']) {
      expect(decryptField(keys, encryptField(keys, text, 'residents.name'), 'residents.name')).toBe(text);
    }
  });

  it('never stores the plain text, and encrypts the same text differently each time', () => {
    const a = encryptField(keys, '880923-5900002');
    const b = encryptField(keys, '880923-5900002');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('880923'))).toBe(false);
  });

  it('detects tampering with the ciphertext, the tag, the IV or the version', () => {
    const sealed = encryptField(keys, 'ZHANG WEI', 'residents.name');
    for (const position of [0, 1, 13, 20, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[position]! ^= 0x01;
      expect(() => decryptField(keys, tampered, 'residents.name'), `byte ${position}`).toThrow();
    }
    expect(() => decryptField(keys, sealed.subarray(0, sealed.length - 1), 'residents.name')).toThrow();
    expect(() => decryptField(keys, sealed.subarray(0, 10), 'residents.name')).toThrow();
  });

  it('does not open under another key or bound to another column', () => {
    const sealed = encryptField(keys, '010-2025-0101', 'residents.phone');
    expect(() => decryptField(otherKeys, sealed, 'residents.phone')).toThrow();
    expect(() => decryptField(keys, sealed, 'residents.name')).toThrow();
    expect(() => decryptField(keys, sealed)).toThrow();
  });

  it('refuses a data key that is not 32 bytes', () => {
    expect(() => deriveDataKeys(Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('derives different keys for encryption and lookup', () => {
    expect(keys.encryption.equals(keys.lookup)).toBe(false);
  });
});

describe('registration number lookup hash (HMAC-SHA256)', () => {
  it('is the same with or without hyphen and spaces', () => {
    const h = registrationLookupHash(keys, '880923-5900002');
    expect(registrationLookupHash(keys, '8809235900002').equals(h)).toBe(true);
    expect(registrationLookupHash(keys, ' 880923 5900002 ').equals(h)).toBe(true);
    expect(normaliseRegistrationNumber('880923-5900002')).toBe('8809235900002');
  });

  it('differs for another number and under another key, and is 32 bytes', () => {
    const h = registrationLookupHash(keys, '880923-5900002');
    expect(h.length).toBe(32);
    expect(registrationLookupHash(keys, '880923-5900003').equals(h)).toBe(false);
    expect(registrationLookupHash(otherKeys, '880923-5900002').equals(h)).toBe(false);
  });
});
