import { describe, expect, it } from 'vitest';
import { CAMPAIGN_CODE_MAX_LENGTH, parseCampaignCode } from '.';

describe('parseCampaignCode', () => {
  it.each(['spring-2025', 'NEPAL_assoc', 'a', 'x'.repeat(CAMPAIGN_CODE_MAX_LENGTH), 'A1_b-2'])('keeps %s', (code) => {
    expect(parseCampaignCode(code)).toBe(code);
  });
  it.each([
    null,
    undefined,
    '',
    'x'.repeat(CAMPAIGN_CODE_MAX_LENGTH + 1),
    'has space',
    'é',
    'a;b',
    '<script>',
    'a=b',
    'name@example.com',
    '010-1234-5678 kim',
  ])('refuses %s', (code) => {
    expect(parseCampaignCode(code as string | null)).toBeNull();
  });
  it('one limit: 32 characters', () => {
    expect(CAMPAIGN_CODE_MAX_LENGTH).toBe(32);
  });
});
