import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveDataKeys } from '@/lib/security';
import { FORM_FLASH_MAX_AGE_S, invalidFields, openFormFlash, sealFormFlash } from './form-flash';

const keys = deriveDataKeys(randomBytes(32));
const flash = {
  page: '/enroll/chip',
  code: 'invalid_input',
  params: { fields: 'cardSerial', cardSerialCode: 'loss.card_serial_format' },
  fields: { locale: 'ne', registrationNumber: '960412-6900001', cardSerial: 'IC12', birthDate: '1996-04-12' },
};

describe('form flash', () => {
  it('gives the page back what was typed, sealed: no registration number readable in the cookie', () => {
    const sealed = sealFormFlash(keys, flash, 1_000);
    expect(sealed).toMatch(/^[\w-]+$/);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('960412');
    expect(openFormFlash(keys, sealed, '/enroll/chip', 2_000)).toEqual(flash);
  });

  it('is for its own page only, and only for a short while', () => {
    const sealed = sealFormFlash(keys, flash, 1_000);
    expect(openFormFlash(keys, sealed, '/enroll/reissue', 2_000)).toBeNull();
    expect(openFormFlash(keys, sealed, '/enroll/chip', 1_000 + FORM_FLASH_MAX_AGE_S * 1000 + 1)).toBeNull();
    expect(openFormFlash(keys, sealed, '/enroll/chip', 500)).toBeNull();
  });

  it('refuses a cookie it did not seal, or sealed with another key', () => {
    expect(openFormFlash(keys, 'not-a-flash', '/enroll/chip', 2_000)).toBeNull();
    expect(openFormFlash(keys, undefined, '/enroll/chip', 2_000)).toBeNull();
    const other = sealFormFlash(deriveDataKeys(randomBytes(32)), flash, 1_000);
    expect(openFormFlash(keys, other, '/enroll/chip', 2_000)).toBeNull();
  });

  it('keeps short string fields only', () => {
    const sealed = sealFormFlash(keys, { ...flash, fields: { ok: 'a', long: 'x'.repeat(201) } }, 1_000);
    expect(openFormFlash(keys, sealed, '/enroll/chip', 1_000)?.fields).toEqual({ ok: 'a' });
  });

  it('names the wrong fields, each with its own code when the failure gave one', () => {
    expect(invalidFields(flash)).toEqual({ cardSerial: 'loss.card_serial_format' });
    expect(invalidFields({ code: 'invalid_input', params: { fields: 'registrationNumber,birthDate' } })).toEqual({ registrationNumber: null, birthDate: null });
    expect(invalidFields(null)).toEqual({});
  });
});
