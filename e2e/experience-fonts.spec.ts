// The script fonts come as each locale's own cut, with nothing to wait for:
// the @font-face rules inline in the head, the regular weight preloaded, no
// stylesheet request before the first paint; the cut draws the page's text.
// Urdu's Nastaliq, which a stand-in drawn to its widths replaces at first, is
// asked for only after the first paint (at once when scripts are off).
import { expect, test } from '@playwright/test';
import { layoutShifted, msg, watchLayoutShifts, type Locale } from './support';

const families: Partial<Record<Locale, string>> = {
  ne: 'Noto Sans Devanagari',
  km: 'Noto Sans Khmer',
  my: 'Noto Sans Myanmar',
  si: 'Noto Sans Sinhala',
  ur: 'Noto Nastaliq Urdu',
  ar: 'Noto Sans Arabic',
};

for (const [locale, family] of Object.entries(families) as [Locale, string][]) {
  const late = locale === 'ur';
  test(`@experience ${locale}: the page's own cut of ${family}, ${late ? 'asked for after the first paint' : 'preloaded'}, with its rules inline and no stylesheet to wait for`, async ({ page }) => {
    const fontRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/fonts/')) fontRequests.push(new URL(request.url()).pathname);
    });
    await page.goto(`/${locale}/guide/with-legacy-card`);
    await expect(page.locator('link[rel="stylesheet"][href^="/fonts/"]')).toHaveCount(0);
    const preload = page.locator('link[rel="preload"][as="font"]');
    if (late) {
      await expect(preload).toHaveCount(0);
      await expect(page.locator('html')).toHaveAttribute('data-script-font', '');
    } else {
      await expect(preload).toHaveCount(1);
      const href = await preload.getAttribute('href');
      expect(href).toMatch(new RegExp(`^/fonts/${locale}-400-[0-9a-f]{10}\\.woff2$`));
    }
    expect(await page.locator('head style').evaluateAll((styles) => styles.map((s) => s.textContent).join(''))).toContain(`font-family:'${family}'`);
    await page.evaluate(() => document.fonts.ready);
    // The heading's text, drawn by the cut (not a fallback): the face is loaded and covers it.
    const heading = (await page.getByRole('heading', { level: 1 }).textContent())!;
    expect(heading).toBe(msg(locale, 'guide.topics.with-legacy-card.title'));
    expect(await page.evaluate(([f, text]) => document.fonts.check(`16px '${f}'`, text), [family, heading] as const)).toBe(true);
    const loaded = await page.evaluate((f) => [...document.fonts].filter((face) => face.family.replace(/['"]/g, '') === f && face.status === 'loaded').length, family);
    expect(loaded).toBeGreaterThan(0);
    // Only this locale's cut was fetched: no whole-script file, no other language's.
    expect(fontRequests.length).toBeGreaterThan(0);
    for (const request of fontRequests) expect(request).toMatch(new RegExp(`^/fonts/${locale}-(400|700)-`));
  });
}

// On a phone without Nastaliq the Urdu text is drawn in a Naskh-style face
// until the font comes: scaled to Nastaliq's widths, the lines break in the
// same places and the page does not jump when it arrives (a layout shift of
// 0.17-0.36 before, on a font 1.5 s late; 0.1 is the limit of "good").
for (const path of ['/ur', '/ur/verify']) {
  test(`@experience ${path}: the page does not jump when the Urdu font arrives late`, async ({ page }) => {
    await watchLayoutShifts(page);
    let fontServed = 0;
    await page.route('**/fonts/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
      fontServed = Date.now();
    });
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect.poll(() => fontServed, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(500);
    const shifted = await layoutShifted(page);
    // Only meaningful where one of the scaled fallbacks exists (DejaVu Sans on Debian, Naskh on older Android).
    const fallbackHere = await page.evaluate(async () => {
      const locals = ["local('Noto Naskh Arabic')", "local('DejaVu Sans')"];
      const found = await Promise.all(locals.map((src) => new FontFace('probe', src).load().then(() => true, () => false)));
      return found.some(Boolean);
    });
    test.skip(!fallbackHere, 'no Naskh-style font on this machine to stand in for Nastaliq');
    expect(shifted).toBeLessThan(0.1);
  });
}

// Nastaliq is the heaviest cut (104 KB) and the slowest script to lay out: fetched and shaped before
// the first paint, it held that paint back on a slow phone. The stand-in draws the first paint; the
// font is asked for after it — and at once where scripts do not run, so those readers get it too.
test('@experience /ur: Nastaliq is asked for after the first paint, and at once with scripts off', async ({ page, browser, baseURL }) => {
  await page.goto('/ur/eligibility');
  await expect(page.locator('html')).toHaveAttribute('data-script-font', '');
  await page.evaluate(() => document.fonts.ready);
  const [paint, fontStart] = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const font = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.startsWith('/fonts/ur-400-'));
    return [fcp, font?.startTime ?? NaN];
  });
  expect(paint).toBeGreaterThan(0);
  expect(fontStart).toBeGreaterThan(paint);
  expect(await page.evaluate(() => document.fonts.check("16px 'Noto Nastaliq Urdu'", 'اردو'))).toBe(true);

  const noScripts = await browser.newContext({ javaScriptEnabled: false, baseURL });
  try {
    const quiet = await noScripts.newPage();
    const fonts: string[] = [];
    quiet.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/fonts/')) fonts.push(new URL(r.url()).pathname);
    });
    await quiet.goto('/ur/eligibility');
    await expect(quiet.getByRole('heading', { level: 1 })).toBeVisible();
    await expect.poll(() => fonts.length).toBeGreaterThan(0);
    expect(fonts[0]).toMatch(/^\/fonts\/ur-400-[0-9a-f]{10}\.woff2$/);
    expect(await quiet.locator('html').getAttribute('data-script-font')).toBeNull();
  } finally {
    await noScripts.close();
  }
});
