// Video proofing journeys (issue 10, the video half): an officer publishes a
// video slot, a legacy-card resident books it, both join a real WebRTC call
// between two browser contexts of a Chromium launched with its fake camera
// and microphone, media is proved to flow each way, the resident types the
// SMS code, the officer works through the checklist and approves, and the
// resident enrolls on the same phone (virtual authenticator) to an issued
// card. Also: a rejection the resident reads in their language, and a
// refused camera leading to the other ways.
import fs from 'node:fs';
import path from 'node:path';
import { devices, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { generateResidents, type SyntheticResident } from '../lib/population';
import { checkEligibility } from '../lib/eligibility';
import { addVirtualAuthenticator, expectNoAxeViolations, fillBirthDate, type Locale, maskedPhone, msg } from './support';

const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const SCREENSHOTS = path.join(import.meta.dirname, '..', 'test-results', 'video-screenshots');

// The population scripts/e2e-server.sh seeds (the default seed and day): legacy-card residents
// who may enroll today, taken from the end of the list so that other journeys do not meet them.
const population = generateResidents({ seed: 'arc-mobile', asOf: '2026-11-01' }, 2000);
const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const eligibleLegacy = population.filter(
  (r) => r.card.kind === 'legacy' && r.phone && checkEligibility(r, { ...r.card, replacedAt: null }, today).eligible,
);
function legacyResident(n: number): SyntheticResident {
  const r = eligibleLegacy[eligibleLegacy.length - 1 - n];
  if (!r) throw new Error('not enough eligible legacy-card residents in the seeded population');
  return r;
}

/** A browser whose camera and microphone are Chromium's fake ones, granted without a prompt. */
let media: Browser;
/** A browser with a fake camera but no automatic permission: headless Chromium refuses it. */
let noPermission: Browser;

test.beforeAll(async ({ playwright, launchOptions }) => {
  const args = launchOptions.args ?? [];
  media = await playwright.chromium.launch({ ...launchOptions, args: [...args, ...FAKE_MEDIA] });
  noPermission = await playwright.chromium.launch({ ...launchOptions, args: [...args, '--use-fake-device-for-media-stream'] });
});
test.afterAll(async () => {
  await media?.close();
  await noPermission?.close();
});

const baseURL = () => test.info().project.use.baseURL;

async function phoneIn(browser: Browser, permissions: string[] = ['camera', 'microphone']): Promise<BrowserContext> {
  const context = await browser.newContext({ ...devices['Pixel 7'], baseURL: baseURL() });
  if (permissions.length) await context.grantPermissions(permissions);
  return context;
}

async function deskIn(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: baseURL() });
  await context.grantPermissions(['camera', 'microphone']);
  return context;
}

async function signInOfficer(page: Page) {
  await page.goto('/en/staff/demo');
  await page.getByRole('button', { name: msg('en', 'staff.demo.signInAs.officer') }).click();
  await page.waitForURL(/\/en\/staff$/);
}

/** The officer publishes a video slot a few minutes from now (Korea time), in the resident's language; returns its id. */
async function publishVideoSlot(page: Page, language: Locale): Promise<string> {
  await page.goto('/en/staff/slots');
  const form = page.getByTestId('publish-form');
  // Five-minute steps, at least ten minutes ahead, on Korea's clock.
  const at = new Date(Math.ceil((Date.now() + 10 * 60_000) / 300_000) * 300_000 + 9 * 3600_000);
  const iso = at.toISOString();
  await form.locator('input[name="kind"][value="video"]').check();
  await form.locator('input[name="date"]').fill(iso.slice(0, 10));
  await form.locator('input[name="time"]').fill(iso.slice(11, 16));
  await form.locator('input[name="capacity"]').fill('1');
  await form.locator(`input[name="lang_${language}"]`).check();
  await form.locator('button[type="submit"]').click();
  await page.waitForURL(/[?&]published=/);
  const id = new URL(page.url()).searchParams.get('published');
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

/** The resident books the slot on the booking engine's page, then opens the video check from the booking's own page. */
async function bookAndOpenCall(page: Page, locale: Locale, slotId: string, r: SyntheticResident): Promise<{ secret: string; reference: string }> {
  await page.goto(`/${locale}/booking/slots/${slotId}`);
  const form = page.getByTestId('book-form');
  await form.locator('input[name="registrationNumber"]').fill(r.registrationNumber);
  await form.locator('input[name="cardSerial"]').fill(r.card.serial);
  await fillBirthDate(form, locale, 'booking.book', r.birthDate);
  await form.locator('button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/${locale}/booking/[A-Za-z0-9_-]{43}\\?booked=1`));
  const secret = new URL(page.url()).pathname.split('/')[3]!;
  await page.getByTestId('video-call-link').click();
  await page.waitForURL(new RegExp(`/${locale}/booking/${secret}/call$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'call.title'));
  const reference = (await page.getByTestId('appointment').locator('bdi').innerText()).trim();
  return { secret, reference };
}

/** The last SMS code sent to this number, read on the demo's dev inbox (a different one than `after`). */
async function smsCodeFor(context: BrowserContext, phone: string, locale: Locale, after = ''): Promise<string> {
  const inbox = await context.newPage();
  try {
    for (let i = 0; i < 40; i++) {
      await inbox.goto(`/${locale}/dev/inbox`);
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

/** The resident's camera test, then "join": the page waits for the officer. */
async function testAndJoin(page: Page, locale: Locale, consent: boolean) {
  if (consent) await page.locator('input[name="stillsConsent"]').check();
  await page.getByTestId('test-camera').click();
  await expect(page.getByTestId('preview')).toBeVisible();
  await expect.poll(() => page.getByTestId('preview').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.getByTestId('join').click();
  await expect(page.getByTestId('call')).toBeVisible();
}

/** The officer starts the booking's session from the video desk. */
async function startSession(desk: Page, reference: string): Promise<string> {
  await desk.goto('/en/staff/video');
  const row = desk.locator(`[data-testid="appointment"][data-reference="${reference}"]`);
  await expect(row).toBeVisible();
  await expectNoAxeViolations(desk);
  await row.getByRole('button', { name: msg('en', 'staff.video.start') }).click();
  await desk.waitForURL(/\/en\/staff\/video\/[0-9a-f-]{36}$/);
  return desk.url().split('/').at(-1)!;
}

/** Media flows into this page: the remote <video> shows frames and WebRTC counts bytes received. */
async function expectMediaIn(page: Page) {
  await expect.poll(() => page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const pc = (globalThis as { __arcVideoCall?: { connection: RTCPeerConnection | null } }).__arcVideoCall?.connection;
          if (!pc) return 0;
          let bytes = 0;
          (await pc.getStats()).forEach((s) => {
            if (s.type === 'inbound-rtp' && s.kind === 'video') bytes += s.bytesReceived ?? 0;
          });
          return bytes;
        }),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
}

async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize({ width: 412, height: 915 });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function cardStatus(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const card = JSON.parse(localStorage.getItem('arc-mobile.card') ?? 'null');
    if (!card) return 'none';
    const r = await fetch('/api/passkeys/status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credentialId: card.credentialId }) });
    return (await r.json()).status;
  });
}

test.describe('@booking video check', () => {
  // Two browsers, a call and an enrollment: minutes on a busy 2-core machine.
  test.describe.configure({ timeout: 360_000 });

  test('@booking in Nepali: book a video check → call with media both ways → SMS code → checklist → approval → the card issued on the same phone', async () => {
    const locale: Locale = 'ne';
    const r = legacyResident(0);
    const officer = await deskIn(media);
    const desk = await officer.newPage();
    await signInOfficer(desk);
    const slotId = await publishVideoSlot(desk, locale);

    const phone = await phoneIn(media);
    const page = await phone.newPage();
    await addVirtualAuthenticator(page);
    const { reference } = await bookAndOpenCall(page, locale, slotId, r);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expectNoAxeViolations(page);
    await screenshot(page, 'call-ne-before');
    await page.setViewportSize(devices['Pixel 7'].viewport);
    await testAndJoin(page, locale, true);
    await expect(page.getByTestId('call-status')).toHaveText(msg(locale, 'call.waitingOfficer'));

    // The officer starts the session: only now the registry record with the name and the card number.
    await startSession(desk, reference);
    await expect(desk.getByTestId('resident-name')).toHaveText(r.name);
    await expect(desk.getByTestId('card-serial')).toHaveText(r.card.serial);
    expect(await desk.getByTestId('liveness').locator('li').count()).toBeGreaterThanOrEqual(1);

    // Media flows each way.
    await expectMediaIn(page);
    await expectMediaIn(desk);
    await expect(page.getByTestId('call-status')).toHaveText(msg(locale, 'call.status.connected'));
    await expect(desk.getByTestId('call-status')).toHaveText(msg('en', 'staff.video.status.connected'));
    await expectNoAxeViolations(page);
    await screenshot(page, 'call-ne-live');
    await page.setViewportSize(devices['Pixel 7'].viewport);

    // The second channel: the code sent by SMS to the phone on record, typed into the call page.
    // Typed as many phones show it, "123-456": the field takes a dash as the SMS page does.
    const code = await smsCodeFor(phone, r.phone, locale);
    await page.getByLabel(msg(locale, 'call.codeLabel')).fill(`${code.slice(0, 3)}-${code.slice(3)}`);
    await page.getByRole('button', { name: msg(locale, 'call.codeSubmit'), exact: true }).click();
    await expect(page.getByTestId('code-confirmed')).toHaveText(msg(locale, 'call.codeConfirmed'));
    await expect(desk.getByTestId('code-status')).toHaveText(msg('en', 'staff.video.code.confirmed'));

    // A liveness prompt shown on the resident's screen, in Nepali.
    await desk.getByTestId('liveness').locator('li').first().getByRole('button').click();
    await expect(page.getByTestId('prompt')).toContainText(msg(locale, 'call.promptTitle'));

    // The checklist: approval stays off until every item is ticked.
    const approve = desk.getByTestId('approve');
    await expect(approve).toBeDisabled();
    for (const item of ['card_front', 'card_back', 'card_tilt', 'serial_read_matches', 'face_matches', 'liveness_done']) {
      await desk.getByLabel(msg('en', `staff.video.checks.${item}`)).check();
      await expect(desk.getByLabel(msg('en', `staff.video.checks.${item}`))).toBeChecked();
    }
    // A still of the face, with the resident's consent.
    await desk.getByRole('button', { name: msg('en', 'staff.video.take.face') }).click();
    await expect(desk.getByTestId('still-face')).toBeVisible();
    await expectNoAxeViolations(desk);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await desk.screenshot({ path: path.join(SCREENSHOTS, 'desk-en-session.png'), fullPage: true });
    await expect(approve).toBeEnabled();
    await approve.click();
    await expect(desk.getByTestId('session-done')).toHaveAttribute('data-outcome', 'approved');

    // The resident's page shows the outcome and the way on, on this same phone.
    const outcome = page.getByTestId('outcome');
    await expect(outcome).toHaveAttribute('data-outcome', 'approved', { timeout: 15_000 });
    await expect(outcome.getByRole('heading')).toHaveText(msg(locale, 'call.outcome.approvedTitle'));
    await expectNoAxeViolations(page);
    await page.getByTestId('continue').click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/video\\?g=`));
    await page.getByRole('button', { name: msg(locale, 'enroll.officeContinue') }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/sms$`));
    const enrollCode = await smsCodeFor(phone, r.phone, locale, code);
    const sms = page.getByTestId('sms-form');
    await sms.getByLabel(msg(locale, 'enroll.smsCode')).fill(enrollCode);
    await sms.getByRole('button', { name: msg(locale, 'enroll.smsVerify') }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/passkey$`));
    await page.getByTestId('create-passkey').click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/enroll/done$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'enroll.doneTitle'));
    expect(await cardStatus(page)).toBe('active');
    await Promise.all([officer.close(), phone.close()]);
  });

  test('@booking a rejection in Arabic: the resident reads the reason and the next step in their language', async () => {
    const locale: Locale = 'ar';
    const r = legacyResident(1);
    const officer = await deskIn(media);
    const desk = await officer.newPage();
    await signInOfficer(desk);
    const slotId = await publishVideoSlot(desk, locale);
    const phone = await phoneIn(media);
    const page = await phone.newPage();
    const { reference } = await bookAndOpenCall(page, locale, slotId, r);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await screenshot(page, 'call-ar-before');
    await page.setViewportSize(devices['Pixel 7'].viewport);
    await testAndJoin(page, locale, false);
    await startSession(desk, reference);
    await expectMediaIn(page);
    await expect(desk.getByTestId('stills-no-consent')).toHaveText(msg('en', 'staff.video.stillsNoConsent'));
    await screenshot(page, 'call-ar-live');
    await page.setViewportSize(devices['Pixel 7'].viewport);

    await desk.getByLabel(msg('en', 'staff.video.rejectReason')).selectOption('face_mismatch');
    await desk.getByTestId('reject').click();
    await expect(desk.getByTestId('session-done')).toHaveAttribute('data-outcome', 'rejected');

    const outcome = page.getByTestId('outcome');
    await expect(outcome).toHaveAttribute('data-outcome', 'rejected', { timeout: 15_000 });
    await expect(outcome.getByRole('heading', { level: 2 })).toHaveText(msg(locale, 'call.outcome.rejectedTitle'));
    await expect(outcome.getByTestId('reason')).toHaveText(msg(locale, 'call.reasons.face_mismatch.text'));
    await expect(outcome.getByTestId('next-step')).toHaveText(msg(locale, 'call.reasons.face_mismatch.next'));
    await expect(outcome.getByRole('link', { name: msg(locale, 'call.outcome.officeVisit') })).toHaveAttribute('href', `/${locale}/booking`);
    await expectNoAxeViolations(page);
    await screenshot(page, 'call-ar-rejected');
    await Promise.all([officer.close(), phone.close()]);
  });

  test('@booking camera refused: the resident is told plainly and offered the other ways (another time, an office visit, 1345)', async () => {
    const locale: Locale = 'vi';
    const r = legacyResident(2);
    const officer = await deskIn(media);
    const desk = await officer.newPage();
    await signInOfficer(desk);
    const slotId = await publishVideoSlot(desk, locale);
    const phone = await phoneIn(noPermission, []);
    const page = await phone.newPage();
    const { secret } = await bookAndOpenCall(page, locale, slotId, r);
    await page.getByTestId('test-camera').click();
    const blocked = page.getByTestId('camera-blocked');
    await expect(blocked).toBeVisible();
    await expect(blocked).toHaveAttribute('data-reason', 'denied');
    await expect(blocked.getByRole('heading', { level: 2 })).toHaveText(msg(locale, 'call.blockedTitle'));
    await expect(blocked.getByRole('alert')).toHaveText(msg(locale, 'call.blockedDenied'));
    const fallback = blocked.getByTestId('fallback');
    await expect(fallback.getByRole('link', { name: msg(locale, 'call.fallbackBooking') })).toHaveAttribute('href', `/${locale}/booking/${secret}`);
    await expect(fallback.getByRole('link', { name: msg(locale, 'call.fallbackOffice') })).toHaveAttribute('href', `/${locale}/booking`);
    await expect(fallback.getByRole('link', { name: '1345' })).toHaveAttribute('href', 'tel:1345');
    await expectNoAxeViolations(page);
    // The way back: the booking's own page, where the time can be changed.
    await fallback.getByRole('link', { name: msg(locale, 'call.fallbackBooking') }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/booking/${secret}$`));
    await Promise.all([officer.close(), phone.close()]);
  });
});
