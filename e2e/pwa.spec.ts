// The installable, offline-capable shell: the manifest per locale, the
// service worker, and the offline page in the reader's language.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

type Messages = { meta: Record<string, string>; offline: Record<string, string>; home: Record<string, string> };
function messages(locale: string): Messages {
  return JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', `${locale}.json`), 'utf8'));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Waits until the worker controls the page and holds the locale's pages. */
async function waitForOfflineReady(page: Page, locale: string) {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), { timeout: 30_000 })
    .toMatch(/\/serwist\/sw\.js$/);
  await expect
    .poll(
      () =>
        page.evaluate(
          async (l) => Boolean((await caches.match(`/${l}`)) && (await caches.match(`/${l}/offline`))),
          locale,
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
}

test.describe('PWA shell', () => {
  for (const locale of ['vi', 'ar'] as const) {
    test(`@foundation the web app manifest for ${locale} is valid and its icons load`, async ({ page, request }) => {
      await page.goto(`/${locale}`);
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      expect(href).toBe(`/${locale}/manifest.webmanifest`);

      const response = await request.get(href!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('application/manifest+json');
      const manifest = await response.json();
      const meta = messages(locale).meta;
      expect(manifest).toMatchObject({
        name: meta.appName,
        short_name: meta.appShortName,
        description: meta.description,
        lang: locale,
        dir: locale === 'ar' ? 'rtl' : 'ltr',
        start_url: `/${locale}?launch=app`,
        scope: '/',
        display: 'standalone',
        theme_color: '#0b4f8a',
        background_color: '#ffffff',
      });
      expect(manifest.description).not.toBe(messages('en').meta.description);
      expect(typeof manifest.id).toBe('string');

      for (const purpose of ['any', 'maskable']) {
        for (const size of [192, 512]) {
          const icon = manifest.icons.find(
            (i: { sizes: string; purpose: string }) => i.sizes === `${size}x${size}` && i.purpose === purpose,
          );
          expect(icon, `${purpose} ${size} icon`).toBeTruthy();
          const image = await request.get(icon.src);
          expect(image.status()).toBe(200);
          expect(image.headers()['content-type']).toBe('image/png');
          expect(pngSize(await image.body())).toEqual({ width: size, height: size });
        }
      }
      const apple = await request.get((await page.locator('link[rel="apple-touch-icon"]').getAttribute('href'))!);
      expect(pngSize(await apple.body())).toEqual({ width: 180, height: 180 });
    });
  }

  test('@foundation the service worker registers with scope / and controls the page', async ({ page, request, baseURL }) => {
    const worker = await request.get('/serwist/sw.js');
    expect(worker.status()).toBe(200);
    expect(worker.headers()['content-type']).toContain('javascript');
    expect(worker.headers()['service-worker-allowed']).toBe('/');

    await page.goto('/vi');
    await waitForOfflineReady(page, 'vi');
    const registration = await page.evaluate(async () => {
      const ready = await navigator.serviceWorker.ready;
      return { scope: ready.scope, state: ready.active?.state };
    });
    expect(registration).toEqual({ scope: `${baseURL}/`, state: 'activated' });
    // The shell's scripts and styles are precached: the page's stylesheet is in the cache.
    const stylesheet = await page.locator('link[rel="stylesheet"][href^="/_next/static/"]').first().getAttribute('href');
    expect(await page.evaluate(async (href) => Boolean(await caches.match(href)), stylesheet!)).toBe(true);
  });

  test('@foundation a second language read online is kept for offline reading too', async ({ page, context }) => {
    await page.goto('/vi');
    await waitForOfflineReady(page, 'vi');
    // The page tells the (already installed) worker its language; the worker
    // caches that language's pages, including ones not visited yet.
    await page.goto('/ar');
    await waitForOfflineReady(page, 'ar');

    await context.setOffline(true);
    await page.goto('/ar/some-unvisited-page');
    await expect(page.locator('h1')).toHaveText(messages('ar').offline.title!);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.goto('/vi');
    await expect(page.locator('h1')).toHaveText(messages('vi').home.heading!);
  });

  for (const { locale, dir, font } of [
    { locale: 'vi', dir: 'ltr', font: null },
    { locale: 'ar', dir: 'rtl', font: 'Noto Sans Arabic' },
  ]) {
    test(`@foundation offline after a first visit, ${locale} shows its pages and its offline page`, async ({ page, context, baseURL }) => {
      await page.goto(`/${locale}`);
      const homeHeading = messages(locale).home.heading!;
      await expect(page.locator('h1')).toHaveText(homeHeading);
      await waitForOfflineReady(page, locale);

      await context.setOffline(true);

      // A page never visited: the offline page, in the language of the address.
      const wanted = `/${locale}/some-unvisited-page`;
      await page.goto(wanted);
      const offline = messages(locale).offline;
      expect(offline.title).not.toBe(messages('en').offline.title);
      await expect(page.locator('h1')).toHaveText(offline.title!);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.locator('html')).toHaveAttribute('dir', dir);
      expect(page.url()).toBe(`${baseURL}${wanted}`);
      // "Try again" points at the page the reader wanted.
      const retry = page.getByRole('link', { name: offline.retry! });
      expect(await retry.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(`${baseURL}${wanted}`);
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

      // The visited home page still renders from the cache, styled.
      await page.goto(`/${locale}`);
      await expect(page.locator('h1')).toHaveText(homeHeading);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      expect(await page.evaluate(() => [...document.styleSheets].some((s) => s.cssRules.length > 0))).toBe(true);
      if (font) {
        // The language's script font comes from the cache too.
        const faces = await page.evaluate((family) => document.fonts.load(`16px "${family}"`, 'عربي').then((f) => f.map((x) => x.status)), font);
        expect(faces).toContain('loaded');
      }

      // A language never read here: the offline page of the language last read.
      await page.goto('/ko/some-unvisited-page');
      await expect(page.locator('h1')).toHaveText(offline.title!);

      // Back online, "Try again" loads the page that was wanted.
      await page.goto(wanted);
      await context.setOffline(false);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${baseURL}${wanted}` && r.request().isNavigationRequest()),
        page.getByRole('link', { name: offline.retry! }).click(),
      ]);
      expect(response.status()).toBe(404); // the server's answer, not the offline page
      await expect(page.locator('h1')).not.toHaveText(offline.title!);
    });
  }
});
