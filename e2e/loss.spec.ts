// Loss report journeys (issue 10): a card issued in Chromium (chip path,
// virtual authenticator) and shown as a QR token is reported lost from
// ANOTHER browser with JavaScript off; the verifier page then refuses the
// token shown before (live at once; offline it says how old its list may
// be), and the old phone says its card is locked and what to do. Wrong
// details get the same page and a reference of the same shape; the sixth
// report for one registration number within the hour gets the wait, in
// Nepali. Every report context has its own client address
// (X-Forwarded-For), so the per-client limit stays out of the way.
import { devices, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { checkEligibility } from '../lib/eligibility';
import { generateResidents, type SyntheticResident } from '../lib/population';
import { addVirtualAuthenticator, expectNoAxeViolations, fillBirthDate, type Locale, maskedPhone, msg, newPhone, smsCodeFor } from './support';

// The population scripts/e2e-server.sh seeds; the issuance and presentation journeys use the first 50.
const population = generateResidents({ seed: 'arc-mobile', asOf: '2026-11-01' }, 2000);
const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const eligibleChip = population.filter((r) => r.card.kind === 'chip' && checkEligibility(r, { ...r.card, replacedAt: null }, today).eligible);
function resident(n: number): SyntheticResident {
  const r = eligibleChip[120 + n];
  if (!r) throw new Error('not enough eligible chip residents in the seeded population');
  return r;
}

const REFERENCE = /^L-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
let clientSeq = Math.floor(Math.random() * 200);

/** A browser context for someone reporting a loss: its own client address, JavaScript on or off. */
async function reporter(browser: Browser, javaScriptEnabled: boolean): Promise<BrowserContext> {
  clientSeq += 1;
  return browser.newContext({
    ...devices['Pixel 7'],
    baseURL: test.info().project.use.baseURL,
    javaScriptEnabled,
    extraHTTPHeaders: { 'x-forwarded-for': `198.51.${Math.floor(clientSeq / 250)}.${(clientSeq % 250) + 1}` },
  });
}

/** The chip path on this phone, as in the issuance journeys: registry details → SMS → chip → passkey + device key. */
async function enroll(page: Page, r: SyntheticResident): Promise<void> {
  const locale: Locale = 'en';
  await page.goto(`/${locale}/enroll/chip`);
  const form = page.getByTestId('identify-form');
  await form.getByLabel(msg(locale, 'enroll.registrationNumber')).fill(r.registrationNumber);
  await form.getByLabel(msg(locale, 'enroll.cardSerial')).fill(r.card.serial);
  await fillBirthDate(form, locale, 'enroll', r.birthDate);
  await form.getByRole('button', { name: msg(locale, 'enroll.continue') }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/sms$`));
  const sms = page.getByTestId('sms-form');
  await sms.getByLabel(msg(locale, 'enroll.smsCode')).fill(await smsCodeFor(page.context(), r.phone, locale));
  await sms.getByRole('button', { name: msg(locale, 'enroll.smsVerify') }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/tap-card$`));
  await page.getByRole('button', { name: msg(locale, 'enroll.tapSimulatorButton') }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/passkey$`));
  await page.getByTestId('create-passkey').click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/done$`));
}

/** A phone with a freshly issued card, open on its card page, showing the "identity" QR token. */
async function phoneShowingCard(browser: Browser, locale: Locale, r: SyntheticResident): Promise<{ phone: Page; token: string }> {
  const context = await newPhone(browser);
  const phone = await context.newPage();
  await addVirtualAuthenticator(phone);
  await enroll(phone, r);
  await phone.goto(`/${locale}/card`);
  await phone.getByTestId('unlock-card').click();
  const qr = phone.getByTestId('card-qr');
  await expect(qr).toHaveAttribute('data-token', /^[\w-]+\.[\w-]+\.[\w-]+$/);
  await phone.getByRole('radio', { name: new RegExp(escapeRegExp(msg(locale, 'card.choose.identity'))) }).check();
  await expect(qr).toHaveAttribute('data-profile', 'identity');
  return { phone, token: (await qr.getAttribute('data-token'))! };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function verifierPage(context: BrowserContext, locale: Locale): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/${locale}/verify`);
  await expect(page.getByTestId('offline-ready')).toHaveAttribute('data-ready', 'true');
  return page;
}

async function check(verifier: Page, locale: Locale, token: string): Promise<void> {
  const again = verifier.getByTestId('verdict').getByRole('button', { name: msg(locale, 'verifier.result.again') });
  if (await again.count()) await again.click();
  await verifier.getByTestId('tab-paste').click();
  await verifier.getByLabel(msg(locale, 'verifier.paste.label')).fill(token);
  await verifier.getByTestId('check-token').click();
}

type Details = { registrationNumber: string; cardSerial: string; birthDate: string };

/** Fills the loss form as a person does (the date as day, month and year) and sends it. */
async function reportLoss(page: Page, locale: Locale, details: Details): Promise<void> {
  const form = page.getByTestId('loss-form');
  await form.getByLabel(msg(locale, 'loss.registrationNumber'), { exact: true }).fill(details.registrationNumber);
  await form.getByLabel(msg(locale, 'loss.cardSerial'), { exact: true }).fill(details.cardSerial);
  const [year, month, day] = details.birthDate.split('-');
  await form.getByLabel(msg(locale, 'loss.day'), { exact: true }).fill(String(Number(day)));
  await form.getByLabel(msg(locale, 'loss.month'), { exact: true }).fill(String(Number(month)));
  await form.getByLabel(msg(locale, 'loss.year'), { exact: true }).fill(year!);
  await form.getByRole('button', { name: msg(locale, 'loss.submit') }).click();
}

/** The confirmation page's answer: its reference, checked for shape, and the page's text with the reference taken out. */
async function answerOf(page: Page, locale: Locale): Promise<{ reference: string; text: string }> {
  await expect(page).toHaveURL(new RegExp(`/${locale}/loss/done\\?ref=L-`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'loss.done.title'));
  await expect(page.getByTestId('loss-answer')).toHaveText(msg(locale, 'loss.done.locked'));
  const reference = (await page.getByTestId('loss-reference').innerText()).trim();
  expect(reference).toMatch(REFERENCE);
  await expect(page.getByTestId('loss-reference')).toHaveAttribute('dir', 'ltr');
  const text = (await page.locator('main').innerText()).replace(reference, 'L-XXXX-XXXX');
  return { reference, text };
}

test.describe('@loss', () => {
  test('@loss reported from another browser with JavaScript off: the token shown before fails at once, the old phone says locked', async ({ browser }) => {
    const locale: Locale = 'en';
    const r = resident(0);
    const { phone, token } = await phoneShowingCard(browser, locale, r);

    // A verifier checks the card: valid. Its page keeps the key set and status list for offline use.
    const verifierContext = await browser.newContext({ ...devices['Pixel 7'], baseURL: test.info().project.use.baseURL });
    const verifier = await verifierPage(verifierContext, locale);
    await check(verifier, locale, token);
    await expect(verifier.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');

    // Someone else's phone or a computer, scripts off, in Vietnamese: the report.
    const other = await reporter(browser, false);
    const page = await other.newPage();
    await page.goto('/vi/loss');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('vi', 'loss.title'));
    await reportLoss(page, 'vi', { registrationNumber: r.registrationNumber, cardSerial: r.card.serial, birthDate: r.birthDate });
    const { reference } = await answerOf(page, 'vi');
    // What to do next: the plastic card, reissue (with the proof it needs), 1345.
    await expect(page.locator('main')).toContainText(msg('vi', 'loss.plastic'));
    await expect(page.locator('main')).toContainText(msg('vi', 'loss.done.reissueChip'));
    await expect(page.locator('main')).toContainText(msg('vi', 'loss.done.reissueLegacy'));
    await expect(page.getByRole('link', { name: msg('vi', 'loss.done.reissueButton') })).toHaveAttribute('href', '/vi/enroll/reissue');
    await expect(page.locator('main a[href="tel:1345"]').first().locator('bdi[dir="ltr"]')).toHaveText('1345');

    // The verifier, live: the same token now fails, at once, as locked.
    await check(verifier, locale, token);
    const verdict = verifier.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-valid', 'false');
    await expect(verdict).toHaveAttribute('data-reason', 'locked');
    await expect(verdict).toContainText(msg(locale, 'verifier.result.reasons.locked'));
    await expect(verifier.getByTestId('status-line')).toHaveText(msg(locale, 'verifier.result.checkedLive'));

    // Offline, the verifier has only the list it saved before the report: it says how old that list may be.
    await verifierContext.setOffline(true);
    await check(verifier, locale, token);
    await expect(verdict).toHaveAttribute('data-mode', 'offline');
    await expect(verifier.getByTestId('status-ttl')).toHaveText(msg(locale, 'verifier.result.statusTtl').replace(/\{minutes, number\}/g, '15'));
    await verifierContext.setOffline(false);

    // The old phone: its card says locked, why, that it never opens again, and what to do. No way to open it.
    await phone.goto(`/${locale}/card`);
    const notice = phone.getByTestId('card-locked');
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('heading', { level: 2 })).toHaveText(msg(locale, 'card.locked.title'));
    await expect(notice).toContainText(msg(locale, 'card.locked.why'));
    await expect(notice).toContainText(msg(locale, 'card.locked.never'));
    await expect(notice.getByRole('link', { name: msg(locale, 'card.locked.reissue') })).toHaveAttribute('href', `/${locale}/enroll/reissue`);
    await expect(notice.getByRole('link', { name: msg(locale, 'card.locked.next') })).toHaveAttribute('href', `/${locale}/loss/done`);
    await expect(notice.locator('a[href="tel:1345"]').first()).toBeVisible();
    await expect(phone.getByTestId('unlock-card')).toHaveCount(0);
    await expect(phone.getByTestId('card-qr')).toHaveCount(0);
    await expectNoAxeViolations(phone);

    // The page the locked card links to, and the report page itself, pass axe (with scripts on, as axe needs).
    const axeContext = await reporter(browser, true);
    const axePage = await axeContext.newPage();
    for (const path of [`/vi/loss`, `/vi/loss/done?ref=${reference}`, `/${locale}/loss/done`]) {
      await axePage.goto(path);
      await expectNoAxeViolations(axePage);
    }
    await Promise.all([phone.context().close(), verifierContext.close(), other.close(), axeContext.close()]);
  });

  test('@loss wrong details get the same answer (the same page, a reference of the same shape), and lock nothing', async ({ browser }) => {
    const locale: Locale = 'ar';
    const r = resident(1);
    const { phone, token } = await phoneShowingCard(browser, 'en', r);
    const other = await reporter(browser, false);
    const page = await other.newPage();

    // A mistyped number first: the page names the field, keeps what was typed, and spends no try.
    await page.goto(`/${locale}/loss`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await reportLoss(page, locale, { registrationNumber: r.registrationNumber.slice(0, -1), cardSerial: r.card.serial, birthDate: r.birthDate });
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(msg(locale, 'loss.summaryTitle'));
    await expect(summary.getByRole('link', { name: msg(locale, 'errors.loss.registration_number_format') })).toHaveAttribute('href', '#registrationNumber');
    await expect(page.locator('#registrationNumber')).toHaveValue(r.registrationNumber.slice(0, -1));
    await expect(page.locator('#registrationNumber')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#cardSerial')).toHaveValue(r.card.serial);

    // With scripts on (the answer comes without a reload), the summary takes the focus too, on every
    // answer: a screen reader reads it, and the next Tab is its first link, not the footer.
    const scripted = await reporter(browser, true);
    const live = await scripted.newPage();
    await live.goto(`/${locale}/loss`);
    await reportLoss(live, locale, { registrationNumber: r.registrationNumber.slice(0, -1), cardSerial: r.card.serial, birthDate: r.birthDate });
    await expect(live.getByTestId('error-summary')).toBeFocused();
    await reportLoss(live, locale, { registrationNumber: '12345', cardSerial: r.card.serial, birthDate: r.birthDate });
    await expect(live.getByTestId('error-summary')).toBeFocused();
    await expect(live.locator('#registrationNumber')).toHaveValue('12345');
    await live.keyboard.press('Tab');
    await expect(live.getByTestId('error-summary').getByRole('link').first()).toBeFocused();
    await scripted.close();

    // Wrong serial (well formed): the answer.
    const wrongSerial = `IC${String((Number(r.card.serial.slice(2)) + 7) % 1e9).padStart(9, '0')}`;
    await reportLoss(page, locale, { registrationNumber: r.registrationNumber, cardSerial: wrongSerial, birthDate: r.birthDate });
    const wrong = await answerOf(page, locale);

    // The right details of someone without a mobile card: the same page, word for word.
    const nobody = resident(2);
    await page.goto(`/${locale}/loss`);
    await reportLoss(page, locale, { registrationNumber: nobody.registrationNumber, cardSerial: nobody.card.serial, birthDate: nobody.birthDate });
    const right = await answerOf(page, locale);
    expect(right.reference).not.toBe(wrong.reference);
    expect(wrong.text).toBe(right.text);

    // Nothing was locked: the card still verifies.
    const verifierContext = await browser.newContext({ ...devices['Pixel 7'], baseURL: test.info().project.use.baseURL });
    const verifier = await verifierPage(verifierContext, 'en');
    await check(verifier, 'en', token);
    await expect(verifier.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
    await Promise.all([phone.context().close(), other.close(), verifierContext.close()]);
  });

  test('@loss the sixth report for one registration number within the hour gets the wait, in Nepali', async ({ browser }) => {
    const locale: Locale = 'ne';
    // Any registration number will do (the limit counts it, matched or not); a random one, so a rerun on the same server starts afresh.
    const r = resident(200 + Math.floor(Math.random() * 400));
    const wrong = { registrationNumber: r.registrationNumber, cardSerial: 'IC000000001', birthDate: r.birthDate };
    // Five reports, each from another client: the limit counts the registration number, whoever asks.
    for (let i = 0; i < 5; i++) {
      const context = await reporter(browser, false);
      const page = await context.newPage();
      await page.goto(`/${locale}/loss`);
      await reportLoss(page, locale, wrong);
      await answerOf(page, locale);
      await context.close();
    }
    const context = await reporter(browser, false);
    const page = await context.newPage();
    await page.goto(`/${locale}/loss`);
    await reportLoss(page, locale, { ...wrong, cardSerial: r.card.serial });
    await expect(page).toHaveURL(new RegExp(`/${locale}/loss$`));
    const failure = page.getByTestId('loss-failure');
    await expect(failure).toHaveAttribute('data-code', 'limits.rate_limited');
    await expect(failure).toBeFocused();
    // "…{minutes} मिनेट…" with the minutes in Nepali digits.
    const [before, after] = msg(locale, 'errors.limits.rate_limited').split('{minutes, number}');
    await expect(failure).toHaveText(new RegExp(`^${escapeRegExp(before!)}[०-९]{1,2}${escapeRegExp(after!)}$`));
    // What was typed is still there, and the way to a person.
    await expect(page.locator('#registrationNumber')).toHaveValue(r.registrationNumber);
    await expect(page.locator('#cardSerial')).toHaveValue(r.card.serial);
    await expect(page.locator('main a[href="tel:1345"]').first()).toBeVisible();

    const axeContext = await reporter(browser, true);
    const axePage = await axeContext.newPage();
    await axePage.goto(`/${locale}/loss`);
    await expectNoAxeViolations(axePage);
    await Promise.all([context.close(), axeContext.close()]);
  });

  test('@loss an officer locks a resident’s card for them (on the phone or at the counter), with a reference', async ({ browser }) => {
    const locale: Locale = 'ko';
    const r = resident(4);
    const { phone, token } = await phoneShowingCard(browser, 'en', r);

    const context = await browser.newContext({ ...devices['Pixel 7'], baseURL: test.info().project.use.baseURL });
    const officer = await context.newPage();
    await officer.goto(`/${locale}/staff/demo`);
    await officer.getByRole('button', { name: msg(locale, 'staff.demo.signInAs.officer') }).click();
    await expect(officer).toHaveURL(new RegExp(`/${locale}/staff$`));
    await officer.getByRole('link', { name: msg(locale, 'staff.home.loss') }).click();
    await expect(officer.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'staff.loss.title'));
    await expectNoAxeViolations(officer);

    await officer.getByLabel(msg(locale, 'staff.officer.registrationNumber'), { exact: true }).fill(r.registrationNumber.replace('-', ''));
    await officer.getByRole('button', { name: msg(locale, 'staff.officer.find') }).click();
    const found = officer.getByTestId('officer-loss-resident');
    await expect(found.getByRole('heading', { level: 2 })).toHaveText(r.name);
    await expect(officer.getByTestId('officer-loss-active')).toHaveAttribute('data-active', '1');
    await expectNoAxeViolations(officer);

    // Both checks are needed.
    await officer.getByTestId('officer-lock').click();
    await expect(officer.getByTestId('officer-lock')).toBeVisible();
    await officer.getByLabel(msg(locale, 'staff.loss.checkWho')).check();
    await officer.getByLabel(msg(locale, 'staff.loss.checkAsked')).check();
    await officer.getByTestId('officer-lock').click();
    const done = officer.getByTestId('officer-loss-done');
    await expect(done.getByRole('heading', { level: 2 })).toHaveText(msg(locale, 'staff.loss.doneTitle'));
    await expect(done).toContainText(msg(locale, 'staff.loss.doneBody'));
    expect((await officer.getByTestId('officer-loss-reference').innerText()).trim()).toMatch(REFERENCE);

    // Locked: the token shown before fails, and a second look-up finds nothing to lock.
    const verify = await officer.request.post('/api/presentations/verify', { data: { token } });
    expect(await verify.json()).toEqual({ valid: false, reason: 'locked' });
    await officer.getByRole('link', { name: msg(locale, 'staff.loss.another') }).click();
    await officer.getByLabel(msg(locale, 'staff.officer.registrationNumber'), { exact: true }).fill(r.registrationNumber);
    await officer.getByRole('button', { name: msg(locale, 'staff.officer.find') }).click();
    await expect(officer.getByTestId('officer-loss-active')).toHaveAttribute('data-active', '0');
    await expect(officer.getByTestId('officer-loss-nothing')).toHaveText(msg(locale, 'staff.loss.nothingToLock'));
    await Promise.all([phone.context().close(), context.close()]);
  });
});
