import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, baseURL: 'http://localhost:3206' });
const page = await ctx.newPage();
for (const l of process.argv[2].split(',')) {
  await page.goto(`/${l}/transparency`, { timeout: 180000 });
  await page.locator('#checkpoint-heading').locator('..').screenshot({ path: `/tmp/audit-scratch/facts-${l}.png` });
}
await browser.close();
