// The script fonts come as each locale's own cut, with nothing to wait for:
// the @font-face rules inline in the head, the regular weight preloaded, no
// stylesheet request before the first paint; the cut draws the page's text.
import { expect, test } from '@playwright/test';
import { msg, type Locale } from './support';

const families: Partial<Record<Locale, string>> = {
  ne: 'Noto Sans Devanagari',
  km: 'Noto Sans Khmer',
  my: 'Noto Sans Myanmar',
  si: 'Noto Sans Sinhala',
  ur: 'Noto Nastaliq Urdu',
  ar: 'Noto Sans Arabic',
};

for (const [locale, family] of Object.entries(families) as [Locale, string][]) {
  test(`@experience ${locale}: the page's own cut of ${family}, preloaded, with its rules inline and no stylesheet to wait for`, async ({ page }) => {
    const fontRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/fonts/')) fontRequests.push(new URL(request.url()).pathname);
    });
    await page.goto(`/${locale}/guide/with-legacy-card`);
    await expect(page.locator('link[rel="stylesheet"][href^="/fonts/"]')).toHaveCount(0);
    const preload = page.locator('link[rel="preload"][as="font"]');
    await expect(preload).toHaveCount(1);
    const href = await preload.getAttribute('href');
    expect(href).toMatch(new RegExp(`^/fonts/${locale}-400-[0-9a-f]{10}\\.woff2$`));
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
