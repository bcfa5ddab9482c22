// Staff pages fully translated (issue 12 point 4): an officer, an analyst, a
// partner and an admin working in Nepali or Arabic see no English on their
// pages, only the words every locale keeps (ARC, QR, SMS, CSV…, the
// i18n test's allow-list) and the data itself (a resident's name in Latin
// letters, a campaign code).
import { expect, test, type Browser } from '@playwright/test';
import { msg, newPhone, type Locale } from './support';

/** Words any locale may show in Latin letters: codes and names, not sentences. */
const ALLOWED = new Set(['ARC', 'QR', 'SMS', 'CSV', 'PDF', 'HiKorea', 'Danuri', 'NFC', 'IC', 'ID', 'PWA', 'ARC Mobile', 'Mobile', 'OK', 'Noto', 'Sans']);

const PAGES: Record<'officer' | 'analyst' | 'partner' | 'admin', string[]> = {
  officer: ['/staff', '/staff/officer', '/staff/loss', '/staff/video', '/staff/slots'],
  analyst: ['/staff/dashboard'],
  partner: ['/staff/partner'],
  admin: ['/staff/admin', '/staff/community-days'],
};

async function englishOn(browser: Browser, locale: Locale, role: keyof typeof PAGES): Promise<string[]> {
  const context = await newPhone(browser);
  const page = await context.newPage();
  await page.goto(`/${locale}/staff/demo`);
  await page.getByRole('button', { name: msg(locale, `staff.demo.signInAs.${role}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/staff$`));
  const found: string[] = [];
  for (const path of PAGES[role]) {
    await page.goto(`/${locale}${path}`);
    await expect(page.locator('main')).toBeVisible();
    const { text, data } = await page.evaluate(() => {
      const lang = document.documentElement.lang;
      // Visible text and the names a screen reader reads (labels, alt text, titles).
      const parts = [document.title, document.body.innerText];
      for (const el of document.querySelectorAll('[aria-label],[alt],[title],[placeholder]')) {
        for (const a of ['aria-label', 'alt', 'title', 'placeholder']) parts.push(el.getAttribute(a) ?? '');
      }
      // Data, not translations: what the page marks translate="no" (names, places, organisations,
      // campaigns), a language's own name (lang="…"), handles and codes written left to right.
      const data: string[] = [];
      for (const el of document.querySelectorAll('[translate="no"], [lang], code, [dir="ltr"]')) {
        if (el.getAttribute('lang') === lang) continue;
        data.push((el as HTMLElement).innerText ?? el.textContent ?? '');
      }
      return { text: parts.join('\n'), data };
    });
    const dataWords = new Set(data.join(' ').match(/[A-Za-z][a-z]{2,}/g) ?? []);
    // An English word: three or more Latin letters, not data and not a known code.
    for (const word of text.match(/[A-Za-z][a-z]{2,}/g) ?? []) {
      if (!ALLOWED.has(word) && !dataWords.has(word)) found.push(`${path}: ${word}`);
    }
  }
  await context.close();
  return found;
}

test.describe('@experience', () => {
  for (const locale of ['ne', 'ar'] as const) {
    test(`@experience staff pages in ${locale} carry no English: officer, analyst, partner and admin`, async ({ browser }) => {
      test.setTimeout(180_000);
      const found: string[] = [];
      for (const role of Object.keys(PAGES) as (keyof typeof PAGES)[]) found.push(...(await englishOn(browser, locale, role)));
      expect([...new Set(found)]).toEqual([]);
    });
  }
});
