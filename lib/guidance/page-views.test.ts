import { describe, expect, it } from 'vitest';
import { guideViewLocale } from './page-views';

describe('guideViewLocale', () => {
  const nav = new Headers({ 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' });
  it.each([
    ['/vi/guide', 'vi'],
    ['/ar/guide/', 'ar'],
    ['/zh-CN/guide/help', 'zh-CN'],
    ['/en/guide/with-chip-card', 'en'],
  ])('counts a page view of %s', (path, locale) => {
    expect(guideViewLocale('GET', path, nav)).toBe(locale);
  });
  it.each(['/vi', '/vi/eligibility', '/xx/guide', '/vi/guide/not-a-topic', '/vi/guide/help/more', '/guide'])('does not count %s', (path) => {
    expect(guideViewLocale('GET', path, nav)).toBeNull();
  });
  it('does not count the service worker fetching pages to keep offline, prefetches, RSC requests or posts', () => {
    expect(guideViewLocale('GET', '/vi/guide', new Headers({ 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'same-origin' }))).toBeNull();
    expect(guideViewLocale('GET', '/vi/guide', new Headers({ 'sec-fetch-dest': 'document', 'sec-purpose': 'prefetch' }))).toBeNull();
    expect(guideViewLocale('GET', '/vi/guide', new Headers({ rsc: '1' }))).toBeNull();
    expect(guideViewLocale('POST', '/vi/guide', nav)).toBeNull();
  });
  it('counts a client that sends no fetch metadata (older browsers)', () => {
    expect(guideViewLocale('GET', '/vi/guide', new Headers())).toBe('vi');
  });
});
