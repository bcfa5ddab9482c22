import { describe, expect, it } from 'vitest';
import { shownCount } from './display';

describe('a partner’s published counts', () => {
  const fewer = (n: string) => `<${n}`;
  it('show a count as the locale writes it, and a small one as "<10"', () => {
    expect(shownCount('en', 1234, fewer)).toBe('1,234');
    expect(shownCount('ne', 12, fewer)).toBe('१२');
    expect(shownCount('en', null, fewer)).toBe('<10');
  });

  it('keep "<10" reading left to right on a right-to-left page (it showed as "10>")', () => {
    expect(shownCount('ar', null, fewer)).toBe('\u2066<10\u2069');
    expect(shownCount('ur', null, fewer)).toBe('\u2066<10\u2069');
  });
});
