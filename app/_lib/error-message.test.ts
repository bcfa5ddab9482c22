// The one code → message function: every locale, params, unknown codes.
import { describe, expect, it } from 'vitest';
import { locales } from '@/lib/i18n';
import { errorMessage, messageForCode } from './error-message';
import { coreErrors } from '@/lib/errors';

describe('messageForCode', () => {
  it('gives each locale its own message for a core code', async () => {
    const english = await messageForCode('en', 'cross_site');
    expect(english).toMatch(/another website/);
    for (const locale of locales.filter((l) => l !== 'en')) {
      const message = await messageForCode(locale, 'cross_site');
      expect(message, locale).not.toBe(english);
      expect(message.length, locale).toBeGreaterThan(10);
    }
  });

  it('fills ICU params, formatted in the reader\'s locale', async () => {
    expect(await messageForCode('en', 'rate_limited', { minutes: 15 })).toContain('15 minutes');
    expect(await messageForCode('ne', 'rate_limited', { minutes: 15 })).not.toContain('minutes');
  });

  it('answers the generic message for an unknown code or missing params, and never throws', async () => {
    const generic = await messageForCode('vi', 'internal');
    expect(await messageForCode('vi', 'no.such.code')).toBe(generic);
    expect(await messageForCode('vi', 'rate_limited')).toBe(generic);
    expect(await errorMessage('en', new Error('select * from residents where name = $1'))).toBe(await messageForCode('en', 'internal'));
    expect(await errorMessage('en', coreErrors.create('payload_too_large'))).toMatch(/too large/);
  });
});
