import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, msg, rtl, sweepLocales } from './support';

const englishHome = ['home.heading', 'home.intro', 'home.sameEffect', 'home.startCheck', 'home.helpsGuide'].map((k) =>
  msg('en', k),
);

test.describe('@foundation home in every locale', () => {
  for (const locale of sweepLocales) {
    test(`@foundation /${locale} renders in its language, with the right direction, and axe finds nothing`, async ({ page }) => {
      const response = await page.goto(`/${locale}`);
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.locator('html')).toHaveAttribute('dir', rtl.has(locale) ? 'rtl' : 'ltr');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'home.heading'));
      if (locale !== 'en') {
        const main = await page.locator('main').innerText();
        for (const english of englishHome) expect(main, `English left on /${locale}`).not.toContain(english);
      }
      await expectNoAxeViolations(page);
    });
  }
});

test('@foundation the language switcher keeps the page and names each language in its own script', async ({ page }) => {
  await page.goto('/vi/offline');
  const switcher = page.locator('details.lang-switcher');
  await switcher.locator('summary').click();
  await expect(switcher.getByRole('link', { name: 'ไทย' })).toHaveAttribute('lang', 'th');
  await expect(switcher.getByRole('link', { name: 'اردو' })).toBeVisible();
  await switcher.getByRole('link', { name: 'ไทย' }).click();
  await expect(page).toHaveURL(/\/th\/offline$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'th');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('th', 'offline.title'));
});

test('@foundation / negotiates the language from Accept-Language, then remembers the choice', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'vi-VN', extraHTTPHeaders: { 'Accept-Language': 'vi-VN,vi;q=0.9,en;q=0.5' } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/vi$/);
  // Choosing another language is remembered for the next visit to /.
  await page.goto('/ne');
  await page.goto('/');
  await expect(page).toHaveURL(/\/ne$/);
  await context.close();
});

test('@foundation the health check reports the database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe('ok');
  // The project says which server this is: playwright.config.ts runs a PostgreSQL-backed one beside the embedded one.
  expect(body.database).toBe(test.info().project.name === 'phone-postgres' ? 'postgres' : 'pglite');
});
