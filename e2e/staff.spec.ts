// Staff journeys: the demo sign-in, an admin inviting a new officer who
// registers a passkey (Chromium's CDP virtual authenticator stands for the
// phone's platform authenticator), signs out and signs in again with it;
// the officer finding the demo legacy-card resident and showing the
// one-time enrollment QR; the role guard refusing an analyst.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import { addVirtualAuthenticator, expectNoAxeViolations, msg } from './support';

const LEGACY_RESIDENT = { registrationNumber: '880923-5900002', name: 'ZHANG WEI' };

async function demoSignIn(page: Page, role: 'officer' | 'analyst' | 'partner' | 'admin', locale = 'en' as const) {
  await page.goto(`/${locale}/staff/demo`);
  await page.getByRole('button', { name: msg(locale, `staff.demo.signInAs.${role}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/staff$`));
}

test('@issuance staff: admin invites an officer, who registers a passkey, signs out and signs in with it', async ({ browser }) => {
  // The admin, on the demo sign-in.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await demoSignIn(admin, 'admin');
  await admin.getByRole('link', { name: msg('en', 'staff.home.admin') }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'staff.admin.title'));
  await expectNoAxeViolations(admin);
  const handle = `officer.${Date.now()}@immigration.example`;
  await admin.getByLabel(msg('en', 'staff.admin.displayName'), { exact: true }).fill('Kim Ha-eun');
  await admin.getByLabel(msg('en', 'staff.admin.handle')).fill(handle);
  await admin.getByLabel(msg('en', 'staff.admin.role'), { exact: true }).selectOption('officer');
  await admin.getByRole('button', { name: msg('en', 'staff.admin.inviteButton') }).click();
  const link = admin.getByTestId('invite-link');
  await expect(link).toBeVisible();
  const inviteUrl = (await link.getAttribute('href'))!;
  expect(inviteUrl).toMatch(/\/en\/staff\/invite\/[A-Za-z0-9_-]{43}$/);

  // The invitee, on their own phone with a platform authenticator.
  const phone = await browser.newContext();
  const invitee = await phone.newPage();
  const { cdp, authenticatorId } = await addVirtualAuthenticator(invitee);
  await invitee.goto(inviteUrl);
  await expect(invitee.getByText(msg('en', 'staff.invite.welcome', { name: 'Kim Ha-eun', role: msg('en', 'staff.roles.officer.name') }))).toBeVisible();
  await expectNoAxeViolations(invitee);
  await invitee.getByRole('button', { name: msg('en', 'staff.invite.button') }).click();
  await expect(invitee).toHaveURL(/\/en\/staff$/);
  await expect(invitee.getByText('Kim Ha-eun')).toBeVisible();
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.isResidentCredential).toBe(true);

  // The link works once.
  await invitee.goto(inviteUrl);
  await expect(invitee.getByRole('alert').filter({ hasText: msg('en', 'errors.staff.invite_used') })).toBeVisible();

  // Sign out, then in again with the passkey.
  await invitee.goto('/en/staff');
  await invitee.getByRole('button', { name: msg('en', 'staff.signOut') }).click();
  await expect(invitee).toHaveURL(/\/en\/staff\/sign-in$/);
  await invitee.goto('/en/staff/officer');
  await expect(invitee).toHaveURL(/\/en\/staff\/sign-in\?next=/);
  await invitee.getByRole('button', { name: msg('en', 'staff.signIn.button') }).click();
  await expect(invitee).toHaveURL(/\/en\/staff\/officer$/);
  await expect(invitee.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'staff.officer.title'));

  // The admin sees the new officer, active, with one passkey.
  await admin.reload();
  const row = admin.getByRole('listitem').filter({ hasText: 'Kim Ha-eun' });
  await expect(row).toContainText(msg('en', 'staff.admin.status.active'));
  await adminContext.close();
  await phone.close();
});

test('@issuance officer finds the demo legacy-card resident, confirms the checks and shows the enrollment QR', async ({ page }) => {
  await demoSignIn(page, 'officer');
  await page.getByRole('link', { name: msg('en', 'staff.home.officer') }).click();
  await page.getByLabel(msg('en', 'staff.officer.registrationNumberLabel')).fill(LEGACY_RESIDENT.registrationNumber);
  await page.getByRole('button', { name: msg('en', 'staff.officer.find') }).click();
  await expect(page.getByRole('heading', { level: 2, name: LEGACY_RESIDENT.name })).toBeVisible();
  await expect(page.getByText(msg('en', 'staff.officer.cardLegacy'))).toBeVisible();
  await expect(page.getByText(msg('en', 'staff.officer.eligibleLegacy'))).toBeVisible();
  await expectNoAxeViolations(page);

  // The QR is refused until both checks are ticked (the browser holds the form back).
  await page.getByRole('button', { name: msg('en', 'staff.officer.showQr') }).click();
  await expect(page.getByRole('heading', { name: msg('en', 'staff.officer.qrHeading') })).toHaveCount(0);
  await page.getByLabel(msg('en', 'staff.officer.photoMatches')).check();
  await page.getByLabel(msg('en', 'staff.officer.cardGenuine')).check();
  // If another journey already gave this resident a mobile card, the desk warns that it moves and asks for a tick.
  const move = page.getByLabel(msg('en', 'staff.officer.activeCard.tick'));
  if (await move.count()) await move.check();
  await page.getByRole('button', { name: msg('en', 'staff.officer.showQr') }).click();

  await expect(page.getByRole('heading', { name: msg('en', 'staff.officer.qrHeading') })).toBeVisible();
  const qr = page.getByRole('img', { name: msg('en', 'staff.officer.qrAlt') });
  await expect(qr.locator('svg')).toBeVisible();
  // The QR carries no language: the resident's phone opens it in the language it chose (e2e/experience-card.spec.ts).
  const enrollUrl = await qr.getAttribute('data-enroll-url');
  expect(enrollUrl).toMatch(/^http:\/\/localhost:\d+\/enroll\/office\?g=[A-Za-z0-9_-]{43}$/);
  // ...and the QR drawn is that URL's QR (the same encoder, same settings, gives the same modules).
  const drawn = await qr.locator('svg path').last().getAttribute('d');
  const expected = await QRCode.toString(enrollUrl!, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  expect(expected).toContain(`d="${drawn}"`);
  await expect(page.getByTestId('short-code')).toHaveText(/^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
  await expect(page.getByTestId('valid-until')).toContainText('10');
  await expectNoAxeViolations(page);
});

test('@issuance the officer desk works in Arabic, right to left', async ({ page }) => {
  await demoSignIn(page, 'officer');
  await page.goto('/ar/staff/officer');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('ar', 'staff.officer.title'));
  await page.getByLabel(msg('ar', 'staff.officer.registrationNumberLabel')).fill('880923-5900009');
  await page.getByRole('button', { name: msg('ar', 'staff.officer.find') }).click();
  await expect(page.getByRole('alert').filter({ hasText: msg('ar', 'errors.proofing.resident_not_found') })).toBeVisible();
  await expectNoAxeViolations(page);
  // A number a digit short is said to be no registration number, and stays in the field to be fixed.
  const number = page.getByLabel(msg('ar', 'staff.officer.registrationNumberLabel'));
  await number.fill('880923-590000');
  await page.getByRole('button', { name: msg('ar', 'staff.officer.find') }).click();
  await expect(page.getByRole('alert').filter({ hasText: msg('ar', 'errors.proofing.registration_number_format') })).toBeVisible();
  await expect(number).toHaveValue('880923-590000');
});

test('@issuance the role guard: an analyst is refused the officer and admin pages, the anonymous are sent to sign in', async ({ page, browser }) => {
  const anonymous = await browser.newContext();
  const stranger = await anonymous.newPage();
  for (const path of ['/en/staff', '/en/staff/officer', '/en/staff/admin']) {
    await stranger.goto(path);
    await expect(stranger).toHaveURL(new RegExp(`/en/staff/sign-in\\?next=${encodeURIComponent(path).replace(/\//g, '%2F')}$`));
  }
  await expectNoAxeViolations(stranger);
  await anonymous.close();

  await demoSignIn(page, 'analyst');
  await expect(page.getByRole('link', { name: msg('en', 'staff.home.officer') })).toHaveCount(0);
  for (const path of ['/en/staff/officer', '/en/staff/admin']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'staff.forbidden.title'));
    await expect(page.getByLabel(msg('en', 'staff.officer.registrationNumberLabel'))).toHaveCount(0);
  }
});
