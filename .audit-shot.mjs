import { chromium, devices } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const base = 'http://localhost:3206';
if (process.argv[2] === 'signin') {
  const ctx = await browser.newContext({ baseURL: base });
  const p = await ctx.newPage();
  await p.goto('/en/staff/demo', { timeout: 120000 });
  await p.getByRole('button', { name: 'Sign in as officer' }).click().catch(async (e) => { console.log('button?', (await p.content()).slice(0, 300)); throw e; });
  await p.waitForURL(/\/en\/staff$/, { timeout: 120000 });
  console.log('signed in');
}
const ctx = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, baseURL: base });
const page = await ctx.newPage();
for (const l of (process.argv[3] ?? 'en,ar,my').split(',')) {
  await page.goto(`/${l}/transparency`, { timeout: 180000 });
  await page.screenshot({ path: `/tmp/audit-scratch/shot-${l}.png`, fullPage: true });
  console.log(l, await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth));
}
await browser.close();
