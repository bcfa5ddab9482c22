// Experience journeys (issue 12, points 2 and 3): numbers in the reader's
// digits on every resident page, and forms that keep what was typed.
//   (a) In Nepali with JavaScript off, an identify post with a malformed card
//       serial comes back with the registration number, serial and date still
//       typed and the serial field named; an 8-digit registration number is
//       refused before it spends one of the five tries.
//   (b) No page mixes Latin digits with the locale's own (Devanagari in ne)
//       outside <bdi dir="ltr"> identifier islands, in ne and ar; screenshots
//       of the pages with numbers at 412×915 in ne, si, my, km and ar.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { checkEligibility } from '../lib/eligibility';
import { digitSystemsIn, NUMBERING_SYSTEMS } from '../lib/i18n';
import { generateResidents, type SyntheticResident } from '../lib/population';
import { addVirtualAuthenticator, expectNoAxeViolations, fillBirthDate, type Locale, maskedPhone, msg, newPhone } from './support';

// The population scripts/e2e-server.sh seeds; these journeys use residents no other journey touches.
const population = generateResidents({ seed: 'arc-mobile', asOf: '2026-11-01' }, 2000);
const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const eligibleChip = population.filter((r) => r.card.kind === 'chip' && checkEligibility(r, { ...r.card, replacedAt: null }, today).eligible);
function resident(n: number): SyntheticResident {
  const r = eligibleChip[160 + n];
  if (!r) throw new Error('not enough eligible chip residents in the seeded population');
  return r;
}

/** A message as the server writes it (ICU: numbers in the locale's digits; support's msg() does this for {n, number}). */
function formatted(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  return msg(locale, key, values);
}

/**
 * Identifiers that keep Latin digits whatever the script, when a message
 * writes them into running text (the vitest check over messages marks the
 * same ones): 1345 and other service numbers, an example registration number
 * or serial, visa types (F-4), A4 paper.
 */
const IDENTIFIER = /\b(?:1345|112|119|1577-?\d{4}|\d{6}-?\d{7}|[A-Z]{2}\d{9}|[A-Z]-\d{1,2}|A4|010-\d{4}-\d{4})\b/g;

/** The visible text of the page outside identifier islands (bdi dir=ltr, translate=no, inputs). */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || el.closest('bdi[dir="ltr"], [translate="no"], script, style, noscript, template, svg, [aria-hidden="true"]')) continue;
      if (typeof el.checkVisibility === 'function' && !el.checkVisibility()) continue;
      out.push(node.textContent ?? '');
    }
    return out.join('\n');
  });
}

/** Fails when the page shows digits of another system than the locale's (identifiers aside), naming the lines. */
async function expectOneDigitSystem(page: Page, locale: Locale, where: string) {
  const text = (await readableText(page)).replace(IDENTIFIER, '');
  const own = NUMBERING_SYSTEMS[locale as keyof typeof NUMBERING_SYSTEMS];
  const foreign = text.split('\n').filter((line) => digitSystemsIn(line).some((s) => s !== own));
  expect(foreign, `${where} in ${locale}: lines with digits other than ${own}`).toEqual([]);
}

/** The page's own alert (not Next's route announcer, also role=alert). */
const alertOf = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');

const SHOTS = path.join(import.meta.dirname, '..', 'test-results', 'experience');
async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function phone(browser: Browser, javaScriptEnabled = true): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 412, height: 915 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled,
  });
}

async function fillIdentify(page: Page, locale: Locale, values: { registrationNumber: string; cardSerial: string; birthDate: string }) {
  const form = page.getByTestId('identify-form');
  await form.getByLabel(msg(locale, 'enroll.registrationNumber')).fill(values.registrationNumber);
  await form.getByLabel(msg(locale, 'enroll.cardSerial')).fill(values.cardSerial);
  await fillBirthDate(form, locale, 'enroll', values.birthDate);
}

async function smsCodeFor(context: BrowserContext, phoneNumber: string): Promise<string> {
  const inbox = await context.newPage();
  try {
    for (let i = 0; i < 40; i++) {
      await inbox.goto('/en/dev/inbox');
      const row = inbox.getByTestId('sms-row').filter({ has: inbox.getByTestId('sms-to').getByText(maskedPhone(phoneNumber), { exact: true }) }).first();
      if (await row.count()) {
        const code = (await row.getByTestId('sms-body').innerText()).match(/\b(\d{6})\b/)?.[1];
        if (code) return code;
      }
      await inbox.waitForTimeout(250);
    }
    throw new Error(`no SMS for ${maskedPhone(phoneNumber)}`);
  } finally {
    await inbox.close();
  }
}

/** A phone with a card issued through the chip path (in English; other journeys cover enrolment in every language). */
async function phoneWithCard(browser: Browser, r: SyntheticResident): Promise<Page> {
  const context = await newPhone(browser);
  const page = await context.newPage();
  await addVirtualAuthenticator(page);
  await page.goto('/en/enroll/chip');
  await fillIdentify(page, 'en', { registrationNumber: r.registrationNumber, cardSerial: r.card.serial, birthDate: r.birthDate });
  await page.getByTestId('identify-form').getByRole('button', { name: msg('en', 'enroll.continue') }).click();
  await expect(page).toHaveURL(/\/en\/enroll\/sms$/);
  const sms = page.getByTestId('sms-form');
  await sms.getByLabel(msg('en', 'enroll.smsCode')).fill(await smsCodeFor(context, r.phone));
  await sms.getByRole('button', { name: msg('en', 'enroll.smsVerify') }).click();
  await expect(page).toHaveURL(/\/en\/enroll\/tap-card$/);
  await page.getByRole('button', { name: msg('en', 'enroll.tapSimulatorButton') }).click();
  await expect(page).toHaveURL(/\/en\/enroll\/passkey$/);
  await page.getByTestId('create-passkey').click();
  await expect(page).toHaveURL(/\/en\/enroll\/done$/);
  return page;
}

test.describe('@experience', () => {
  // Axe, a whole issuance and several locales each: more than the default minute on a shared 2-core machine.
  test.describe.configure({ timeout: 240_000 });

  test('@experience a form error keeps the input: in Nepali without JavaScript, a malformed serial is named and nothing typed is lost; an 8-digit number spends no try', async ({ browser }) => {
    const locale: Locale = 'ne';
    const r = resident(0);
    const context = await phone(browser, false);
    const page = await context.newPage();
    await page.goto(`/${locale}/enroll/chip`);
    const form = page.getByTestId('identify-form');
    const registration = form.getByLabel(msg(locale, 'enroll.registrationNumber'));
    const serial = form.getByLabel(msg(locale, 'enroll.cardSerial'));
    // The date of birth's three boxes, labelled in Nepali; what they hold after a refusal.
    const [birthYear, birthMonth, birthDay] = r.birthDate.split('-');
    const birthBox = (part: 'day' | 'month' | 'year') => form.getByTestId('birth-date').getByLabel(msg(locale, `enroll.${part}`), { exact: true });
    const expectBirthKept = async () => {
      await expect(birthBox('day')).toHaveValue(birthDay!);
      await expect(birthBox('month')).toHaveValue(birthMonth!);
      await expect(birthBox('year')).toHaveValue(birthYear!);
    };

    // Nothing typed: the page (not the browser, whose own bubbles speak the browser's language) names each field.
    await form.getByRole('button', { name: msg(locale, 'enroll.continue') }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/chip\\?error=invalid_input`));
    await expect(page.getByTestId('field-error-registrationNumber')).toHaveText(msg(locale, 'errors.loss.registration_number_missing'));
    await expect(page.getByTestId('field-error-cardSerial')).toHaveText(msg(locale, 'errors.loss.card_serial_missing'));
    await expect(form.getByTestId('birth-date-error')).toHaveText(msg(locale, 'errors.loss.birth_date_missing'));
    await expect(birthBox('year')).toHaveAttribute('aria-invalid', 'true');
    await expect(registration).toBeFocused();

    // An 8-digit number is named by its form, in the page's language, and spends no try.
    await fillIdentify(page, locale, { registrationNumber: '12345678', cardSerial: r.card.serial, birthDate: r.birthDate });
    await form.getByRole('button', { name: msg(locale, 'enroll.continue') }).click();
    await expect(page.getByTestId('field-error-registrationNumber')).toHaveText(msg(locale, 'errors.loss.registration_number_format'));
    await expect(page.getByTestId('field-error-cardSerial')).toHaveCount(0);
    await expect(registration).toHaveValue('12345678');
    await expect(serial).toHaveValue(r.card.serial);
    await expectBirthKept();
    await expect(form.getByTestId('birth-date-error')).toHaveCount(0);
    expect(page.url()).not.toContain('12345678');

    // The same post from a client of its own: refused by form before a try, nothing typed in the address.
    const eight = await context.request.post('/api/enrollment/identify', {
      form: { locale, path: 'chip', registrationNumber: '12345678', cardSerial: r.card.serial, birthDate: r.birthDate },
      maxRedirects: 0,
    });
    expect(eight.status()).toBe(303);
    const location = new URL(eight.headers().location!);
    expect(location.searchParams.get('error')).toBe('invalid_input');
    expect(location.searchParams.get('fields')).toBe('registrationNumber');
    expect(location.href).not.toContain('12345678');

    // A serial of the wrong form: the page comes back with everything typed.
    await page.goto(`/${locale}/enroll/chip`);
    await fillIdentify(page, locale, { registrationNumber: r.registrationNumber, cardSerial: 'IC12', birthDate: r.birthDate });
    await form.getByRole('button', { name: msg(locale, 'enroll.continue') }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/chip\\?error=invalid_input`));
    await expect(alertOf(page)).toContainText(msg(locale, 'errors.invalid_input'));
    await expect(registration).toHaveValue(r.registrationNumber);
    await expect(serial).toHaveValue('IC12');
    await expectBirthKept();
    await expect(serial).toHaveAttribute('aria-invalid', 'true');
    await expect(registration).not.toHaveAttribute('aria-invalid', 'true');
    const serialError = page.getByTestId('field-error-cardSerial');
    await expect(serialError).toHaveText(msg(locale, 'errors.loss.card_serial_format'));
    await expect(serial).toHaveAttribute('aria-describedby', /identify-cardSerial-error/);
    await expectOneDigitSystem(page, locale, 'identify with an error');
    await shoot(page, `identify-error-${locale}`);

    // Now a well-formed but wrong serial: the first try counted, so four are left (in Nepali digits).
    await serial.fill('ZZ999999999');
    await form.getByRole('button', { name: msg(locale, 'enroll.continue') }).click();
    await expect(page).toHaveURL(/error=enrollment\.identity_mismatch/);
    await expect(alertOf(page)).toHaveText(formatted(locale, 'errors.enrollment.identity_mismatch', { triesLeft: 4 }));
    await expect(registration).toHaveValue(r.registrationNumber);
    await expectBirthKept();
    await expectOneDigitSystem(page, locale, 'identify after a wrong try');
    await context.close();

    // The same refusal with JavaScript on, for axe (a script): the named field, its message, no violations.
    const withScripts = await phone(browser);
    const again = await withScripts.newPage();
    await again.goto(`/${locale}/enroll/chip`);
    await fillIdentify(again, locale, { registrationNumber: r.registrationNumber, cardSerial: 'IC12', birthDate: r.birthDate });
    await again.getByTestId('identify-form').evaluate((el: HTMLFormElement) => (el.noValidate = true));
    await again.getByTestId('identify-form').getByRole('button', { name: msg(locale, 'enroll.continue') }).click();
    await expect(again.getByTestId('field-error-cardSerial')).toHaveText(msg(locale, 'errors.loss.card_serial_format'));
    await expect(again.getByTestId('identify-form').getByLabel(msg(locale, 'enroll.registrationNumber'))).toHaveValue(r.registrationNumber);
    await expectNoAxeViolations(again);
    await withScripts.close();
  });

  for (const locale of ['ne', 'ar'] as const) {
    test(`@experience no mixed digits on any resident page in ${locale}`, async ({ browser }) => {
      const context = await phone(browser);
      const page = await context.newPage();
      const visit = async (url: string, name: string) => {
        await page.goto(url);
        await expectOneDigitSystem(page, locale, name);
      };
      await visit(`/${locale}`, 'home');
      await visit(`/${locale}/guide`, 'guide');
      for (const topic of ['with-chip-card', 'help', 'upgrade-to-ic', 'eligibility']) await visit(`/${locale}/guide/${topic}`, `guide/${topic}`);
      await visit(`/${locale}/loss`, 'loss');
      await visit(`/${locale}/booking`, 'booking');
      await visit(`/${locale}/enroll`, 'enroll');

      // The checker with an answer.
      await page.goto(`/${locale}/eligibility`);
      const answers = { age: '14plus', cardKind: 'chip', cardValid: 'yes', phoneOwn: 'yes', residence: 'residenceCard' };
      for (const [question, option] of Object.entries(answers)) await page.locator(`input[name="${question}"][value="${option}"]`).check();
      await page.getByRole('button', { name: msg(locale, 'eligibility.submit') }).click();
      await expect(page.locator('.result')).toBeVisible();
      await expectOneDigitSystem(page, locale, 'checker result');
      await shoot(page, `checker-${locale}`);

      // An enrollment step with an error (a wrong try: tries left in the locale's digits).
      const r = resident(locale === 'ne' ? 1 : 2);
      await page.goto(`/${locale}/enroll/chip`);
      await fillIdentify(page, locale, { registrationNumber: r.registrationNumber, cardSerial: 'ZZ999999999', birthDate: r.birthDate });
      await page.getByTestId('identify-form').getByRole('button', { name: msg(locale, 'enroll.continue') }).click();
      await expect(alertOf(page)).toHaveText(formatted(locale, 'errors.enrollment.identity_mismatch', { triesLeft: 4 }));
      await expectOneDigitSystem(page, locale, 'identify with an error');
      await context.close();

      // The card with its QR code, and the verifier with a result.
      const holder = await phoneWithCard(browser, resident(locale === 'ne' ? 3 : 4));
      await holder.goto(`/${locale}/card`);
      await holder.getByTestId('unlock-card').click();
      await expect(holder.getByTestId('card-qr')).toHaveAttribute('data-token', /^[\w-]+\.[\w-]+\.[\w-]+$/);
      await holder.getByRole('radio', { name: new RegExp(msg(locale, 'card.choose.full').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).check();
      await expect(holder.getByTestId('card-qr')).toHaveAttribute('data-profile', 'full');
      await expectOneDigitSystem(holder, locale, 'card');
      await shoot(holder, `card-${locale}`);
      const token = (await holder.getByTestId('card-qr').getAttribute('data-token'))!;

      const verifierContext = await phone(browser);
      const verifier = await verifierContext.newPage();
      await verifier.goto(`/${locale}/verify`);
      await verifier.getByTestId('tab-paste').click();
      await verifier.getByLabel(msg(locale, 'verifier.paste.label')).fill(token);
      await verifier.getByTestId('check-token').click();
      const verdict = verifier.getByTestId('verdict');
      await expect(verdict).toHaveAttribute('data-valid', 'true');
      // The nationality in the reader's language, as the card shows it; the birth date as the reader writes dates.
      const nationality = new Intl.DisplayNames([locale], { type: 'region' }).of(resident(locale === 'ne' ? 3 : 4).nationality)!;
      await expect(verdict.locator('[data-claim="nationality"] dd')).toHaveText(nationality);
      await expect(verdict.locator('[data-claim="birthDate"] dd')).not.toHaveText(/\d{4}-\d{2}-\d{2}/);
      await expectOneDigitSystem(verifier, locale, 'verifier result');
      await shoot(verifier, `verifier-${locale}`);
      await verifierContext.close();
      await holder.context().close();
    });
  }

  test('@experience screenshots of the pages with numbers in ne, si, my, km and ar (412×915)', async ({ browser }) => {
    const context = await phone(browser);
    const page = await context.newPage();
    for (const locale of ['ne', 'si', 'my', 'km', 'ar'] as const) {
      await page.goto(`/${locale}/guide/help`);
      await expectOneDigitSystem(page, locale, 'guide/help');
      await shoot(page, `guide-help-${locale}`);
      await page.goto(`/${locale}/enroll/chip?error=enrollment.identity_mismatch&triesLeft=3`);
      await expect(alertOf(page)).toHaveText(formatted(locale, 'errors.enrollment.identity_mismatch', { triesLeft: 3 }));
      await expectOneDigitSystem(page, locale, 'identify');
      await shoot(page, `identify-${locale}`);
      await page.goto(`/${locale}/enroll/chip?error=enrollment.ineligible_under_14&date=2029-07-01`);
      await expect(alertOf(page)).not.toContainText('2029-07-01');
      await expectOneDigitSystem(page, locale, 'under 14');
      await shoot(page, `under14-${locale}`);
    }
    await context.close();
  });
});
