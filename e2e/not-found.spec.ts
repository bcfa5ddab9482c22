// An address that leads nowhere — a booking link cut short in an SMS, a
// mistyped guide page — answers 404 with the page in the reader's language,
// inside the site's frame, right to left in Arabic, with the way home.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, msg, type Locale } from './support';

const cases: Array<[Locale, string]> = [
  ['ar', '/ar/booking/not-a-booking-link'],
  ['km', '/km/guide/no-such-topic'],
  ['ne', '/ne/this/does/not/exist'],
];

for (const [locale, path] of cases) {
  test(`@experience a page that does not exist, in ${locale}: 404, said in the reader's language, with the way home (${path})`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'notFound.title'));
    await expect(page.getByTestId('not-found')).toContainText(msg(locale, 'notFound.body'));
    await expect(page.getByRole('link', { name: msg(locale, 'notFound.home') })).toHaveAttribute('href', `/${locale}`);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
    await expect(page).toHaveTitle(new RegExp(`^${msg(locale, 'notFound.title')}`));
    await expectNoAxeViolations(page);
  });
}

// Next.js answers notFound() with an empty document whose page only its scripts draw;
// the server mends it (scripts/not-found-shell.ts), so a phone with scripts off, or one
// still waiting for them on a slow network, reads the same page.
for (const [locale, path] of cases) {
  test(`@experience a page that does not exist, in ${locale}, with scripts off: the same page, not a blank one (${path})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'notFound.title'));
    await expect(page.getByTestId('not-found')).toContainText(msg(locale, 'notFound.body'));
    await expect(page.getByRole('link', { name: msg(locale, 'notFound.home') })).toHaveAttribute('href', `/${locale}`);
    await expect(page.getByRole('contentinfo')).toContainText('1345');
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
    await expect(page).toHaveTitle(new RegExp(`^${msg(locale, 'notFound.title')}`));
    // Drawn with the site's own stylesheet: the way home is the site's button, not a bare link.
    const button = page.getByRole('link', { name: msg(locale, 'notFound.home') });
    expect(await button.evaluate((a) => getComputedStyle(a).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    // (axe cannot run where scripts are off; the markup is the page's above, which it checks.)
    await expect(page.getByRole('main')).toHaveCount(1);
    await context.close();
  });
}
