// The interim booking and loss pages: until video booking and the loss
// report are built (later issues), the links to /booking and /loss from the
// enrollment pages and the guide must not dead-end. Each page answers, says
// so in the reader's language, offers the contact centre's number as a tel:
// link, and every link on it leads somewhere — with JavaScript off.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, msg, rtl } from './support';

for (const locale of ['en', 'ar'] as const) {
  test(`@issuance the booking and loss pages give a way forward in ${locale}`, async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    // axe runs as a script in the page, so it gets a context with JavaScript on.
    const axeContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const axePage = await axeContext.newPage();
    try {
      for (const which of ['booking', 'loss'] as const) {
        const response = await page.goto(`/${locale}/${which}`);
        expect(response?.status(), `/${locale}/${which}`).toBe(200);
        await expect(page.locator('html')).toHaveAttribute('dir', rtl.has(locale) ? 'rtl' : 'ltr');
        const title = msg(locale, `interim.${which}.title`);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
        expect((await page.title()).startsWith(title), 'the page title').toBe(true);
        await expect(page.getByText(msg(locale, `interim.${which}.notYet`))).toBeVisible();

        // The contact centre, dialled as written and shown left to right.
        const call = page.locator('main a[href="tel:1345"]').first();
        await expect(call).toBeVisible();
        await expect(call.locator('bdi[dir="ltr"]')).toHaveText('1345');

        // No dead end: every page link on it answers.
        const hrefs = await page.locator('main a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
        expect(hrefs.length).toBeGreaterThan(0);
        for (const href of new Set(hrefs)) {
          const answer = await request.get(href.split('#')[0]!);
          expect(answer.status(), href).toBeLessThan(400);
        }
        await axePage.goto(`/${locale}/${which}`);
        await expectNoAxeViolations(axePage);
      }

      // The office list the booking page points to is really there.
      await page.goto(`/${locale}/booking`);
      await page.getByRole('link', { name: msg(locale, 'interim.booking.officeLink') }).click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/guide/help#offices$`));
      await expect(page.locator('#offices')).toBeVisible();

      // The loss page leads to getting the card again on a new phone.
      await page.goto(`/${locale}/loss`);
      await expect(page.getByRole('link', { name: msg(locale, 'interim.loss.reissueLink') })).toHaveAttribute(
        'href',
        `/${locale}/enroll/reissue`,
      );
    } finally {
      await context.close();
      await axeContext.close();
    }
  });
}
