import { chromium } from '@playwright/test';
const locale = process.argv[2] ?? 'ar';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 412, height: 915 } });
await page.goto('http://localhost:3205/en/staff/demo');
await page.getByRole('button', { name: 'Sign in as analyst' }).click();
await page.waitForURL(/staff$/);
await page.goto(`http://localhost:3205/${locale}/staff/dashboard`);
await page.waitForTimeout(1500);
const wide = await page.evaluate(() => {
  const vw = document.documentElement.clientWidth;
  const out: string[] = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > vw + 1 || r.left < -1)) {
      // only the outermost
      let p = el.parentElement; let nested = false;
      while (p) { const q = p.getBoundingClientRect(); if (q.right > vw + 1 || q.left < -1) { nested = true; break; } p = p.parentElement; }
      if (!nested || r.right > 440) out.push(`${el.tagName}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)} ${(el.textContent ?? '').slice(0, 40)}`);
    }
  }
  return { vw, sw: document.documentElement.scrollWidth, out: out.slice(0, 25) };
});
console.log(JSON.stringify(wide, null, 1));
await page.screenshot({ path: `/tmp/dash-${locale}-412-top.png` });
await browser.close();
