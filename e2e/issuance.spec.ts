// Issuance journeys (issue 4): the chip path, the officer-QR path, reissue
// on a second phone, the enrollment race and the refusals, in a real
// Chromium with the CDP virtual authenticator standing for each phone's
// platform authenticator (one per browser context = one per phone).
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_LEGACY_RESIDENT, DEMO_UNDER_14_RESIDENT, generateResidents, type SyntheticResident } from '../lib/population';
import { checkEligibility } from '../lib/eligibility';
import { formatDate } from '../lib/i18n';
import { addVirtualAuthenticator, expectNoAxeViolations, fillBirthDate, type Locale, maskedPhone, msg, newPhone, scanQr, smsCodeFor } from './support';

// The population scripts/e2e-server.sh seeds: the default seed and day (db/seed).

const population = generateResidents({ seed: 'arc-mobile', asOf: '2026-11-01' }, 2000);
const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const eligibleChip = population.filter(
  (r) => r.card.kind === 'chip' && checkEligibility(r, { ...r.card, replacedAt: null }, today).eligible,
);

/** A different eligible chip-card resident for each journey, so journeys running side by side do not meet. */
function chipResident(n: number): SyntheticResident {
  const r = eligibleChip[n];
  if (!r) throw new Error('not enough eligible chip residents in the seeded population');
  return r;
}

/** The last code the SMS simulator sent to this phone number, read off the demo's dev inbox page. */
async function identify(page: Page, locale: Locale, path: 'chip' | 'reissue', r: Pick<SyntheticResident, 'registrationNumber' | 'card' | 'birthDate'>) {
  await page.goto(`/${locale}/enroll/${path}`);
  const form = page.getByTestId('identify-form');
  await form.getByLabel(msg(locale, 'enroll.registrationNumber')).fill(r.registrationNumber);
  await form.getByLabel(msg(locale, 'enroll.cardSerial')).fill(r.card.serial);
  await fillBirthDate(form, locale, 'enroll', r.birthDate);
  await form.getByRole('button', { name: msg(locale, 'enroll.continue') }).click();
}

async function enterSms(page: Page, locale: Locale, code: string) {
  const form = page.getByTestId('sms-form');
  await form.getByLabel(msg(locale, 'enroll.smsCode')).fill(code);
  await form.getByRole('button', { name: msg(locale, 'enroll.smsVerify') }).click();
}

/** Chip path (or reissue) from the identify form to the passkey page. */
async function chipToPasskey(page: Page, locale: Locale, path: 'chip' | 'reissue', r: SyntheticResident) {
  await identify(page, locale, path, r);
  await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/sms$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'enroll.smsTitle'));
  await enterSms(page, locale, await smsCodeFor(page.context(), r.phone, locale));
  await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/tap-card$`));
  await expect(page.getByTestId('card-simulator')).toContainText(msg(locale, 'enroll.tapSimulatorLabel'));
  await page.getByRole('button', { name: msg(locale, 'enroll.tapSimulatorButton') }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/passkey$`));
}

async function createPasskey(page: Page, locale: Locale) {
  await page.getByTestId('create-passkey').click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/done$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'enroll.doneTitle'));
}

async function cardStatus(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const card = JSON.parse(localStorage.getItem('arc-mobile.card') ?? 'null');
    if (!card) return 'none';
    const r = await fetch('/api/passkeys/status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credentialId: card.credentialId }) });
    return (await r.json()).status;
  });
}

/** Decodes the QR code the officer's page shows, as the resident's camera would. */
async function readQr(page: Page): Promise<string> {
  return (await scanQr(page, '[role="img"]')).text;
}

test.describe('@issuance', () => {
  test('@issuance chip path in Arabic (RTL): registry details → SMS → card simulator → passkey + device key → card on the phone', async ({ browser }) => {
    const locale: Locale = 'ar';
    const r = chipResident(0);
    const phone = await newPhone(browser);
    const page = await phone.newPage();
    await addVirtualAuthenticator(page);
    await page.goto(`/${locale}/enroll`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'enroll.startTitle'));
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: msg(locale, 'enroll.chipOptionButton') }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/chip$`));
    await expectNoAxeViolations(page);
    await identify(page, locale, 'chip', r);
    await expect(page.getByText(msg(locale, 'enroll.smsSentTo', { phone: maskedPhone(r.phone) }))).toBeVisible();
    await expectNoAxeViolations(page);
    // Typing a later step's address lands on the step the resident is on.
    await page.goto(`/${locale}/enroll/passkey`);
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/sms$`));
    // Typed on an Arabic keyboard: the code in Arabic-Indic digits (٠-٩) is the same code.
    const code = await smsCodeFor(phone, r.phone, locale);
    await enterSms(page, locale, [...code].map((d) => String.fromCodePoint(0x0660 + Number(d))).join(''));
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/tap-card$`));
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: msg(locale, 'enroll.tapSimulatorButton') }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/passkey$`));
    await expectNoAxeViolations(page);
    await createPasskey(page, locale);
    await expect(page.getByTestId('card-active')).toContainText(msg(locale, 'enroll.phoneHasCard'));
    await expectNoAxeViolations(page);
    expect(await cardStatus(page)).toBe('active');
    // The device key is in IndexedDB and cannot be exported.
    const key = await page.evaluate(
      () =>
        new Promise<{ extractable: boolean; algorithm: string }>((resolve, reject) => {
          const open = indexedDB.open('arc-mobile');
          open.onsuccess = () => {
            const get = open.result.transaction('device-keys').objectStore('device-keys').get('card');
            get.onsuccess = () => resolve({ extractable: get.result.privateKey.extractable, algorithm: get.result.privateKey.algorithm.namedCurve });
            get.onerror = () => reject(get.error);
          };
        }),
    );
    expect(key).toEqual({ extractable: false, algorithm: 'P-256' });
    await phone.close();
  });

  test("@issuance office path in Chinese: the officer's one-time QR → SMS → passkey; the QR then refuses a second phone", async ({ browser }) => {
    const officer = await newPhone(browser);
    const desk = await officer.newPage();
    await desk.goto('/en/staff/demo');
    await desk.getByRole('button', { name: msg('en', 'staff.demo.signInAs.officer') }).click();
    await desk.waitForURL(/\/en\/staff$/);
    await desk.goto('/en/staff/officer');
    await desk.getByLabel(msg('en', 'staff.officer.registrationNumberLabel')).fill(DEMO_LEGACY_RESIDENT.registrationNumber);
    await desk.getByRole('button', { name: msg('en', 'staff.officer.find') }).click();
    await expect(desk.getByRole('heading', { level: 2, name: DEMO_LEGACY_RESIDENT.name })).toBeVisible();
    await expect(desk.getByRole('button', { name: msg('en', 'staff.officer.find') })).toBeEnabled();
    // The officer confirms both checks and shows the QR. The grant's URL also travels in the
    // officer action's answer: if the desk fails to draw the QR (e2e/staff.spec.ts checks the
    // drawing), the resident's half is still tested, and the test says so.
    await desk.getByLabel(msg('en', 'staff.officer.photoMatches')).check();
    await desk.getByLabel(msg('en', 'staff.officer.cardGenuine')).check();
    // If another journey already gave this resident a mobile card, the desk warns that it moves and asks for a tick.
    const move = desk.getByLabel(msg('en', 'staff.officer.activeCard.tick'));
    if (await move.count()) await move.check();
    let actionAnswer = '';
    await desk.route('**/en/staff/officer', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      const body = await response.text();
      actionAnswer += body;
      await route.fulfill({ response, body });
    });
    await desk.getByRole('button', { name: msg('en', 'staff.officer.showQr') }).click();
    await expect.poll(() => /enroll\/office\?g=/.test(actionAnswer)).toBe(true);
    const granted = actionAnswer.match(/https?:\/\/[^"\\]+\/enroll\/office\?g=[A-Za-z0-9_-]{43}/)?.[0];
    expect(granted, 'the officer action issued a grant').toBeTruthy();
    // The desk draws the QR code with the short code under it; the resident's camera reads the grant's address.
    await expect(desk.getByTestId('short-code')).toBeVisible();
    const qrUrl = new URL(await readQr(desk));
    expect(qrUrl.toString()).toBe(granted);
    // No language in the address: the resident's phone opens it in its own (here Chinese).
    expect(qrUrl.pathname).toBe('/enroll/office');
    expect(qrUrl.searchParams.get('g')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const locale: Locale = 'zh-CN';
    const phone = await newPhone(browser, { locale });
    const page = await phone.newPage();
    await addVirtualAuthenticator(page);
    await page.goto(qrUrl.pathname + qrUrl.search);
    await expect(page.getByText(msg(locale, 'enroll.officeScanned'))).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: msg(locale, 'enroll.officeContinue') }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/sms$`));
    await enterSms(page, locale, await smsCodeFor(phone, DEMO_LEGACY_RESIDENT.phone, locale));
    // No chip step for a card without a chip.
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/passkey$`));
    await createPasskey(page, locale);
    expect(await cardStatus(page)).toBe('active');

    // The same QR on another phone: used, with its own message.
    const other = await newPhone(browser, { locale });
    const otherPage = await other.newPage();
    await otherPage.goto(qrUrl.pathname + qrUrl.search);
    await otherPage.getByRole('button', { name: msg(locale, 'enroll.officeContinue') }).click();
    await expect(otherPage.locator('main').getByRole('alert')).toHaveText(msg(locale, 'errors.enrollment.grant_used'));
    await Promise.all([officer.close(), phone.close(), other.close()]);
  });

  test('@issuance reissue on a second phone: the new phone gets the card, the first is revoked and says so', async ({ browser }) => {
    const locale: Locale = 'en';
    const r = chipResident(1);
    const firstPhone = await newPhone(browser);
    const first = await firstPhone.newPage();
    await addVirtualAuthenticator(first);
    await chipToPasskey(first, locale, 'chip', r);
    await createPasskey(first, locale);

    const secondPhone = await newPhone(browser);
    const second = await secondPhone.newPage();
    await addVirtualAuthenticator(second);
    await second.goto(`/${locale}/enroll/reissue`);
    await expect(second.getByRole('heading', { name: msg(locale, 'enroll.reissueChipTitle') })).toBeVisible();
    await expect(second.getByRole('heading', { name: msg(locale, 'enroll.reissueLegacyTitle') })).toBeVisible();
    await expect(second.getByRole('link', { name: msg(locale, 'enroll.upgradeLink') })).toHaveAttribute('href', `/${locale}/guide/upgrade-to-ic`);
    await expectNoAxeViolations(second);
    await chipToPasskey(second, locale, 'reissue', r);
    await expect(second.getByText(msg(locale, 'enroll.passkeyMoveWarning'))).toBeVisible();
    await createPasskey(second, locale);
    await expect(second.getByText(msg(locale, 'enroll.doneMoved'))).toBeVisible();
    expect(await cardStatus(second)).toBe('active');

    // The old phone, opened again: the card moved, and what to do if that was not the resident.
    await first.goto(`/${locale}/enroll`);
    const moved = first.getByTestId('card-moved');
    await expect(moved).toContainText(msg(locale, 'enroll.phoneCardMovedTitle'));
    await expect(moved).toContainText(msg(locale, 'enroll.phoneCardNotYou'));
    await expect(moved.getByRole('link', { name: msg(locale, 'enroll.reportLoss') })).toBeVisible();
    await expectNoAxeViolations(first);
    expect(await cardStatus(first)).toBe('moved');
    await Promise.all([firstPhone.close(), secondPhone.close()]);
  });

  test('@issuance the enrollment race: two phones finish at the same moment for one resident, exactly one card stays active', async ({ browser }) => {
    const locale: Locale = 'vi';
    const r = chipResident(2);
    const phones = await Promise.all([newPhone(browser), newPhone(browser)]);
    const pages = await Promise.all(phones.map((p) => p.newPage()));
    for (const page of pages) await addVirtualAuthenticator(page);
    // One after the other up to the passkey step (each phone gets its own SMS code)…
    for (const page of pages) await chipToPasskey(page, locale, 'chip', r);
    // …then both press "create" together.
    await Promise.all(pages.map((page) => createPasskey(page, locale)));
    const statuses = await Promise.all(pages.map(cardStatus));
    expect(statuses.sort()).toEqual(['active', 'moved']);
    await Promise.all(phones.map((p) => p.close()));
  });

  test('@issuance refusals in Urdu (RTL): an ineligible resident, wrong details, and 5 wrong SMS codes, each with its own message', async ({ browser }) => {
    const locale: Locale = 'ur';
    const phone = await newPhone(browser);
    const page = await phone.newPage();

    // Under 14: refused with the day from which they can.
    await identify(page, locale, 'chip', DEMO_UNDER_14_RESIDENT);
    await expect(page.locator('main').getByRole('alert')).toHaveText(msg(locale, 'errors.enrollment.ineligible_under_14', { date: formatDate(locale, '2029-07-01T12:00:00+09:00') }));
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expectNoAxeViolations(page);

    // Wrong details (each of the right form): not said which, with the tries left.
    const r = chipResident(3);
    await identify(page, locale, 'chip', { ...r, card: { ...r.card, serial: 'ZZ999999999' } });
    await expect(page.locator('main').getByRole('alert')).toHaveText(msg(locale, 'errors.enrollment.identity_mismatch', { triesLeft: 4 }));

    // Five wrong SMS codes, then a 15-minute wait.
    await identify(page, locale, 'chip', r);
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/sms$`));
    const right = await smsCodeFor(phone, r.phone, locale);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) {
      await enterSms(page, locale, wrong);
      await expect(page.locator('main').getByRole('alert')).toHaveText(msg(locale, 'errors.enrollment.sms_code_wrong', { triesLeft: left }));
    }
    await enterSms(page, locale, wrong);
    await expect(page.locator('main').getByRole('alert')).toHaveText(msg(locale, 'errors.enrollment.sms_locked', { minutes: 15 }));
    await enterSms(page, locale, right);
    await expect(page.locator('main').getByRole('alert')).toHaveText(msg(locale, 'errors.enrollment.sms_locked', { minutes: 15 }));

    // Bad input to the API is a 400 with a code, never a 5xx.
    const api = await page.request.post('/api/enrollment/sms/verify', { data: Buffer.from('{"code": '), headers: { 'content-type': 'application/json' } });
    expect(api.status()).toBe(400);
    expect((await api.json()).error.code).toBe('bad_request');
    const endpoints = [
      '/api/enrollment/identify',
      '/api/enrollment/grant',
      '/api/enrollment/sms/verify',
      '/api/enrollment/sms/resend',
      '/api/enrollment/chip/challenge',
      '/api/enrollment/chip/verify',
      '/api/enrollment/chip-simulator',
      '/api/passkeys/registration/options',
      '/api/passkeys/registration/verify',
      '/api/passkeys/unlock/options',
      '/api/passkeys/unlock/verify',
      '/api/passkeys/status',
    ];
    const badBodies = [Buffer.from('{"code": '), Buffer.from('[1,2,3]'), Buffer.from('{"response": "x", "credentialId": 5, "path": "nope", "challenge": {}}')];
    for (const endpoint of endpoints) {
      for (const body of badBodies) {
        const answer = await page.request.post(endpoint, { data: body, headers: { 'content-type': 'application/json' } });
        expect(answer.status(), `${endpoint} ${body}`).toBeLessThan(500);
        expect(answer.status(), `${endpoint} ${body}`).toBeGreaterThanOrEqual(400);
        expect((await answer.json()).error.code, endpoint).toMatch(/^[a-z_.0-9]+$/);
      }
    }
    await phone.close();
  });
});
