// The card screen a holder expects (issue 12, points 1, 4, 5, 6): the
// installed app goes straight to the card; after unlock the QR, the clock
// and the countdown fit on a 412×915 screen; the old phone's open card
// screen changes within seconds of a reissue and says what to do; the
// phone keeps its own history of what it showed; the calendar reminder;
// the officer's QR and the verifier-asks link open in the language the
// resident's phone chose; the officer desk warns before moving a card.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { checkEligibility } from '../lib/eligibility';
import { generateResidents, type SyntheticResident } from '../lib/population';
import { addVirtualAuthenticator, expectNoAxeViolations, fillBirthDate, layoutShifted, type Locale, maskedPhone, msg, newPhone, scanQr, watchLayoutShifts } from './support';

// The population scripts/e2e-server.sh seeds (db/seed defaults).
const population = generateResidents({ seed: 'arc-mobile', asOf: '2026-11-01' }, 2000);
const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const eligible = (kind: 'chip' | 'legacy') =>
  population.filter((r) => r.card.kind === kind && checkEligibility(r, { ...r.card, replacedAt: null }, today).eligible);
const eligibleChip = eligible('chip');
const eligibleLegacy = eligible('legacy');

/** Residents no other journey uses (issuance 0…, presentation 40…, loss 120…, outreach 200…). */
function chipResident(n: number): SyntheticResident {
  const r = eligibleChip[300 + n];
  if (!r) throw new Error('not enough eligible chip residents in the seeded population');
  return r;
}

const SCREEN = { width: 412, height: 915 };
const shots = path.join('test-results', 'experience-card');

async function smsCodeFor(context: BrowserContext, phone: string, after = ''): Promise<string> {
  const inbox = await context.newPage();
  try {
    for (let i = 0; i < 40; i++) {
      await inbox.goto('/en/dev/inbox');
      const row = inbox.getByTestId('sms-row').filter({ has: inbox.getByTestId('sms-to').getByText(maskedPhone(phone), { exact: true }) }).first();
      if (await row.count()) {
        const code = (await row.getByTestId('sms-body').innerText()).match(/\b(\d{6})\b/)?.[1];
        if (code && code !== after) return code;
      }
      await inbox.waitForTimeout(250);
    }
    throw new Error(`no SMS for ${maskedPhone(phone)}`);
  } finally {
    await inbox.close();
  }
}

/** The chip path (or the reissue) on this phone, in English, up to the card on the phone. */
async function getCard(page: Page, r: SyntheticResident, via: 'chip' | 'reissue', previousCode = ''): Promise<string> {
  const locale: Locale = 'en';
  await page.goto(`/${locale}/enroll/${via}`);
  const form = page.getByTestId('identify-form');
  await form.getByLabel(msg(locale, 'enroll.registrationNumber')).fill(r.registrationNumber);
  await form.getByLabel(msg(locale, 'enroll.cardSerial')).fill(r.card.serial);
  await fillBirthDate(form, locale, 'enroll', r.birthDate);
  await form.getByRole('button', { name: msg(locale, 'enroll.continue') }).click();
  await expect(page).toHaveURL(/\/en\/enroll\/sms$/);
  const code = await smsCodeFor(page.context(), r.phone, previousCode);
  const sms = page.getByTestId('sms-form');
  await sms.getByLabel(msg(locale, 'enroll.smsCode')).fill(code);
  await sms.getByRole('button', { name: msg(locale, 'enroll.smsVerify') }).click();
  await expect(page).toHaveURL(/\/en\/enroll\/tap-card$/);
  await page.getByRole('button', { name: msg(locale, 'enroll.tapSimulatorButton') }).click();
  await expect(page).toHaveURL(/\/en\/enroll\/passkey$/);
  await page.getByTestId('create-passkey').click();
  await expect(page).toHaveURL(/\/en\/enroll\/done$/);
  return code;
}

async function unlock(page: Page, locale: Locale): Promise<void> {
  await page.goto(`/${locale}/card`);
  await page.getByTestId('unlock-card').click();
  await expect(page.getByTestId('card-qr')).toHaveAttribute('data-token', /^[\w-]+\.[\w-]+\.[\w-]+$/);
}

/** The element lies wholly inside the screen as it first shows, without scrolling. */
async function expectOnFirstScreen(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box, testId).not.toBeNull();
  const scrollY = await page.evaluate(() => window.scrollY);
  expect(scrollY).toBe(0);
  expect(box!.y, `${testId} top`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${testId} bottom within ${SCREEN.height}px`).toBeLessThanOrEqual(SCREEN.height);
  expect(box!.x + box!.width, `${testId} right edge`).toBeLessThanOrEqual(SCREEN.width);
}

async function demoOfficer(browser: import('@playwright/test').Browser, locale: Locale): Promise<Page> {
  const context = await newPhone(browser);
  const desk = await context.newPage();
  await desk.goto(`/${locale}/staff/demo`);
  await desk.getByRole('button', { name: msg(locale, 'staff.demo.signInAs.officer') }).click();
  await desk.waitForURL(new RegExp(`/${locale}/staff$`));
  await desk.goto(`/${locale}/staff/officer`);
  return desk;
}

test.describe('@experience', () => {
  test("@experience the old phone's open card screen changes within seconds of a reissue, and says what to do", async ({ browser }) => {
    test.setTimeout(150_000);
    const r = chipResident(0);
    const oldPhone = await newPhone(browser);
    const old = await oldPhone.newPage();
    await addVirtualAuthenticator(old);
    const firstCode = await getCard(old, r, 'chip');

    // The installed app starts at the home page with ?launch=app: a phone that holds a card goes straight to it.
    await old.goto('/en?launch=app');
    await expect(old).toHaveURL(/\/en\/card$/);
    await expect(old.getByTestId('unlock-card')).toBeVisible();
    // Opened as a page, the home page says "open my card".
    await old.goto('/en');
    await expect(old.getByTestId('open-my-card')).toHaveAttribute('href', '/en/card');
    await expect(old.getByTestId('open-my-card')).toHaveText(msg('en', 'card.unlock.button'));

    await unlock(old, 'en');
    const qr = old.getByTestId('card-qr');
    await expect(qr.locator('svg')).toBeVisible();

    // The reminder: a calendar file a month before the plastic card expires, with an alarm, in the page's language.
    const reminder = await old.request.get('/en/card/reminder.ics');
    expect(reminder.status()).toBe(200);
    expect(reminder.headers()['content-type']).toContain('text/calendar');
    const ics = (await reminder.text()).replace(/\r\n[ \t]/g, '');
    const [y, m, d] = r.card.expiresOn.split('-').map(Number) as [number, number, number];
    const monthBefore = new Date(Date.UTC(m === 1 ? y - 1 : y, m === 1 ? 11 : m - 2, Math.min(d, new Date(Date.UTC(m === 1 ? y - 1 : y, m === 1 ? 12 : m - 1, 0)).getUTCDate())));
    expect(ics).toContain(`DTSTART;VALUE=DATE:${monthBefore.toISOString().slice(0, 10).replace(/-/g, '')}`);
    expect(ics).toContain('BEGIN:VALARM');
    expect(ics).toContain(`SUMMARY:${msg('en', 'card.reminder.icsTitle')}`);

    // The second phone gets the card again: the first phone's open screen loses its QR within seconds, without a tap.
    const newPhoneContext = await newPhone(browser);
    const second = await newPhoneContext.newPage();
    await addVirtualAuthenticator(second);
    await getCard(second, r, 'reissue', firstCode);
    const reissuedAt = Date.now();
    const moved = old.getByTestId('card-moved');
    await expect(moved).toBeVisible({ timeout: 10_000 });
    const seconds = (Date.now() - reissuedAt) / 1000;
    expect(seconds).toBeLessThan(10);
    await expect(old.getByTestId('card-qr')).toHaveCount(0);
    await expect(old.getByTestId('unlock-card')).toHaveCount(0);
    await expect(moved).toContainText(msg('en', 'enroll.phoneCardMovedTitle'));
    await expect(moved).toContainText(msg('en', 'enroll.phoneCardNotYou'));
    await expect(moved.getByRole('link', { name: msg('en', 'enroll.reportLoss') })).toHaveAttribute('href', '/en/loss');
    await expect(moved.getByRole('link', { name: msg('en', 'card.status.reissue') })).toHaveAttribute('href', '/en/enroll/reissue');
    await expect(moved.locator('a[href="tel:1345"]')).toBeVisible();
    await expectNoAxeViolations(old);

    // Opened again, the old phone says the same, and its own history of what it showed leads to the loss report.
    await old.goto('/en/card');
    await expect(old.getByTestId('card-moved')).toBeVisible();
    await expect(old.getByTestId('unlock-card')).toHaveCount(0);
    const history = old.getByTestId('card-history');
    await history.locator('summary').click();
    await expect(history.getByTestId('history-entry').first()).toHaveAttribute('data-profile', 'identity');
    await expect(history.getByTestId('not-me')).toHaveAttribute('href', '/en/loss');
    await expect(history.getByRole('link', { name: msg('en', 'card.history.privacy') })).toHaveAttribute('href', '/en/privacy');

    // The officer desk warns that issuing moves the card now on the second phone, and asks for a tick first.
    const desk = await demoOfficer(browser, 'en');
    await desk.getByLabel(msg('en', 'staff.officer.registrationNumberLabel')).fill(r.registrationNumber);
    await desk.getByRole('button', { name: msg('en', 'staff.officer.find') }).click();
    await expect(desk.getByTestId('active-card-warning')).toHaveText(msg('en', 'staff.officer.activeCard.warning'));
    await expect(desk.getByLabel(msg('en', 'staff.officer.activeCard.tick'))).toHaveAttribute('required', '');
    await expectNoAxeViolations(desk);
    await Promise.all([oldPhone.close(), newPhoneContext.close(), desk.context().close()]);
  });

  test('@experience the QR, the clock and the countdown fit on a 412×915 screen without scrolling, in en, ne, my and ar', async ({ browser }) => {
    test.setTimeout(180_000);
    fs.mkdirSync(shots, { recursive: true });
    const r = chipResident(1);
    const phone = await newPhone(browser);
    const page = await phone.newPage();
    await page.setViewportSize(SCREEN);
    await addVirtualAuthenticator(page);
    await getCard(page, r, 'chip');
    await unlock(page, 'en');
    for (const locale of ['en', 'ne', 'my', 'ar', 'si', 'km'] as const) {
      await page.goto(`/${locale}/card`);
      await expect(page.getByTestId('card-qr')).toHaveAttribute('data-token', /^[\w-]+\.[\w-]+\.[\w-]+$/);
      await expect(page.getByTestId('countdown')).not.toBeEmpty();
      for (const id of ['card-qr', 'live-clock', 'countdown']) await expectOnFirstScreen(page, id);
      // The choice is one tap away, on the same screen.
      const choice = page.getByRole('radio', { name: msg(locale, 'card.choose.age19') });
      const box = await choice.boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(SCREEN.height);
      // Every label of the choice shows whole (no cut text).
      const cut = await page.locator('fieldset label').evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth + 1).length);
      expect(cut, `${locale}: cut choice labels`).toBe(0);
      // The QR on screen is the token (a camera reads it), right to left too.
      if (locale === 'ar') expect((await scanQr(page, '[data-testid="card-qr"]')).text).toBe(await page.getByTestId('card-qr').getAttribute('data-token'));
      await page.screenshot({ path: path.join(shots, `card-open-${locale}.png`) });
    }
    await page.getByRole('radio', { name: msg('km', 'card.choose.age19') }).check();
    await expect(page.getByTestId('card-qr')).toHaveAttribute('data-profile', 'age19');
    await expectNoAxeViolations(page);

    // The card gets issued again on another phone: the moved screen, in each script.
    const other = await newPhone(browser);
    const second = await other.newPage();
    await addVirtualAuthenticator(second);
    await getCard(second, r, 'reissue');
    for (const locale of ['ne', 'si', 'my', 'km', 'ar'] as const) {
      await page.goto(`/${locale}/card`);
      await expect(page.getByTestId('card-moved')).toBeVisible();
      await expect(page.getByTestId('card-qr')).toHaveCount(0);
      await page.screenshot({ path: path.join(shots, `card-moved-${locale}.png`), fullPage: true });
    }
    await expectNoAxeViolations(page);
    await Promise.all([phone.close(), other.close()]);
  });

  test('@experience the card page shows the right panel from its first paint: "no card on this phone" on a new phone, the unlock on a holder\'s, and nothing moves when the scripts load', async ({ browser }) => {
    const noCard = (page: Page, locale: Locale) => page.getByText(msg(locale, 'card.unlock.noCard'));
    const unlockHeading = (page: Page, locale: Locale) => page.getByRole('heading', { name: msg(locale, 'card.unlock.heading') });

    // A new phone, before any script of the app has run (their files held back): the server's page
    // and its inline mark alone already say there is no card here, and offer to get one.
    const fresh = await newPhone(browser);
    const page = await fresh.newPage();
    await page.setViewportSize(SCREEN);
    await page.route('**/_next/static/chunks/*.js', (route) => route.abort());
    await page.goto('/ne/card');
    await expect(noCard(page, 'ne')).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: msg('ne', 'card.unlock.getCard') })).toBeVisible();
    await expect(unlockHeading(page, 'ne')).toBeHidden();
    // With its scripts: the same panel, and the page did not move.
    await page.unrouteAll();
    await watchLayoutShifts(page);
    await page.goto('/ne/card');
    await expect(noCard(page, 'ne')).toBeVisible();
    await expect(unlockHeading(page, 'ne')).toHaveCount(0);
    await page.waitForTimeout(300);
    expect(await layoutShifted(page)).toBeLessThan(0.005);
    await expectNoAxeViolations(page);

    // A phone that holds a card (locked until its owner opens it): the unlock, never "no card".
    const r = chipResident(3);
    const holder = await newPhone(browser);
    const held = await holder.newPage();
    await held.setViewportSize(SCREEN);
    await addVirtualAuthenticator(held);
    await getCard(held, r, 'chip');
    await held.context().clearCookies();
    await held.route('**/_next/static/chunks/*.js', (route) => route.abort());
    await held.goto('/ar/card');
    await expect(unlockHeading(held, 'ar')).toBeVisible();
    await expect(noCard(held, 'ar')).toBeHidden();
    await held.unrouteAll();
    await watchLayoutShifts(held);
    await held.goto('/ar/card');
    await expect(held.getByTestId('unlock-card')).toBeEnabled();
    await expect(noCard(held, 'ar')).toHaveCount(0);
    await held.waitForTimeout(300);
    expect(await layoutShifted(held)).toBeLessThan(0.005);
    await Promise.all([fresh.close(), holder.close()]);
  });

  test("@experience the officer's QR and the verifier-asks link open in the language the resident's phone chose", async ({ browser, request }) => {
    const resident = eligibleLegacy[60];
    if (!resident) throw new Error('not enough eligible legacy residents in the seeded population');
    // The staff pages speak the page's language, the demo account's name too.
    const desk = await demoOfficer(browser, 'ne');
    await expect(desk.getByText(msg('ne', 'staff.demoName', { name: 'Park Ji-won' }), { exact: false })).toBeVisible();
    await desk.goto('/en/staff/officer');
    await desk.getByLabel(msg('en', 'staff.officer.registrationNumberLabel')).fill(resident.registrationNumber);
    await desk.getByRole('button', { name: msg('en', 'staff.officer.find') }).click();
    await expect(desk.getByRole('heading', { level: 2, name: resident.name })).toBeVisible();
    await desk.getByLabel(msg('en', 'staff.officer.photoMatches')).check();
    await desk.getByLabel(msg('en', 'staff.officer.cardGenuine')).check();
    await desk.getByRole('button', { name: msg('en', 'staff.officer.showQr') }).click();
    const qr = desk.getByRole('img', { name: msg('en', 'staff.officer.qrAlt') });
    await expect(qr.locator('svg')).toBeVisible();
    const url = new URL((await scanQr(desk, '[role="img"]')).text);
    expect(url.pathname).toBe('/enroll/office');

    // A phone that chose Nepali in the app (its remembered choice) though its browser speaks English.
    const nepali = await newPhone(browser, { locale: 'en-US' });
    await nepali.addCookies([{ name: 'NEXT_LOCALE', value: 'ne', url: test.info().project.use.baseURL! }]);
    const page = await nepali.newPage();
    await page.goto(url.pathname + url.search);
    await expect(page).toHaveURL(new RegExp(`/ne/enroll/office\\?g=${url.searchParams.get('g')}$`));
    await expect(page.getByText(msg('ne', 'enroll.officeScanned'))).toBeVisible();

    // A phone that never chose: its browser's language (Myanmar).
    const burmese = await newPhone(browser, { locale: 'my-MM' });
    const other = await burmese.newPage();
    await other.goto(url.pathname + url.search);
    await expect(other).toHaveURL(/\/my\/enroll\/office\?g=/);
    await expect(other.getByText(msg('my', 'enroll.officeScanned'))).toBeVisible();

    // The verifier asks (in Korean, on its own page): the holder's phone opens the request in its own language.
    const asked = await request.post('/api/presentations/requests', {
      headers: { origin: test.info().project.use.baseURL!, 'content-type': 'application/json' },
      data: { profile: 'age19', verifierName: 'GS25 Itaewon', locale: 'ko' },
    });
    expect(asked.status()).toBe(201);
    const link = new URL(((await asked.json()) as { url: string }).url);
    expect(link.pathname).toMatch(/^\/card\/request\/[\w-]+$/);
    const arabic = await newPhone(browser, { locale: 'en-US' });
    await arabic.addCookies([{ name: 'NEXT_LOCALE', value: 'ar', url: test.info().project.use.baseURL! }]);
    const holder = await arabic.newPage();
    await holder.goto(link.pathname);
    await expect(holder).toHaveURL(new RegExp(`/ar${link.pathname}$`));
    await expect(holder.getByRole('heading', { level: 1 })).toHaveText(msg('ar', 'card.request.title'));
    await expect(holder.getByTestId('verifier-name')).toHaveText('GS25 Itaewon');

    // What the server keeps, said on the privacy page.
    await holder.goto('/ar/privacy');
    await expect(holder.getByRole('heading', { level: 1 })).toHaveText(msg('ar', 'privacy.title'));
    await expect(holder.getByTestId('privacy-never')).toContainText(msg('ar', 'privacy.never.shown'));
    await expectNoAxeViolations(holder);
    await Promise.all([desk.context().close(), nepali.close(), burmese.close(), arabic.close()]);
  });
});
