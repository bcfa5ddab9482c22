import { chromium } from '@playwright/test';
const locale = process.argv[2] ?? 'en';
const width = Number(process.argv[3] ?? 1440);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width, height: 900 } });
await page.goto('http://localhost:3205/en/staff/demo');
await page.getByRole('button', { name: 'Sign in as analyst' }).click();
await page.waitForURL(/staff$/);
await page.goto(`http://localhost:3205/${locale}/staff/dashboard${process.argv[4] ?? ''}`);
await page.waitForTimeout(1500);
await page.screenshot({ path: `/tmp/dash-${locale}-${width}-top.png` });
for (const id of (process.argv[5] ?? 'summary,series,by-nationality,paths,stops').split(',')) {
  await page.locator(`#panel-${id}`).screenshot({ path: `/tmp/dash-${locale}-${width}-${id}.png` });
}
await browser.close();
