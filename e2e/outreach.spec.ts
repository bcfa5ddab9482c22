// Outreach journeys (issue 11, the partners' half): the demo partner makes
// a campaign and prints its Khmer poster (Chromium's page.pdf() on A4,
// rendered back to an image with poppler's pdftoppm, the QR code in the
// image decoded: it is the campaign's short link); a visit through that
// link, an eligibility check and a whole chip enrollment show up in that
// partner's funnel and in no other partner's (a second partner account,
// invited by the admin for the demo embassy, sees none of it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zxing from '@zxing/library';
import { devices, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { generateResidents, type SyntheticResident } from '../lib/population';
import { checkEligibility } from '../lib/eligibility';
import { DEMO_PARTNERS } from '../lib/outreach';
import { addVirtualAuthenticator, expectNoAxeViolations, fillBirthDate, type Locale, maskedPhone, msg, newPhone, scanQr, smsCodeFor } from './support';

const { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;

/** Where the journeys leave their pictures (posters at A4, the partner page on a phone) to look at. */
const shots = path.join(import.meta.dirname, '..', 'test-results', 'outreach');

// The population scripts/e2e-server.sh seeds (the default seed and day), as issuance.spec.ts reads it.
const population = generateResidents({ seed: 'arc-mobile', asOf: '2026-11-01' }, 2000);
const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const eligibleChip = population.filter((r) => r.card.kind === 'chip' && checkEligibility(r, { ...r.card, replacedAt: null }, today).eligible);
/** Residents no other journey uses (issuance 0–3, presentation 40+, loss 120+). */
const chipResident = (n: number): SyntheticResident => eligibleChip[200 + n]!;

const STAGES = ['visits', 'checks', 'started', 'issued'] as const;

async function demoSignIn(page: Page, role: 'partner' | 'admin', locale: Locale = 'en') {
  await page.goto(`/${locale}/staff/demo`);
  await page.getByRole('button', { name: msg(locale, `staff.demo.signInAs.${role}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/staff$`));
}

/** On the partner page, makes a campaign and lands on its page; returns its id, code and short link. */
async function createCampaign(page: Page, name: string, languages: readonly string[]): Promise<{ id: string; code: string; link: string }> {
  const form = page.locator('#new-campaign form');
  await form.getByLabel(msg('en', 'partner.create.name')).fill(name);
  const group = form.getByRole('group', { name: msg('en', 'partner.create.languages') });
  for (const endonym of languages) await group.getByLabel(endonym, { exact: true }).check();
  await form.getByLabel(msg('en', 'partner.create.channel')).selectOption('poster');
  await form.getByRole('button', { name: msg('en', 'partner.create.submit') }).click();
  await expect(page).toHaveURL(/\/en\/staff\/partner\/campaigns\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('status').filter({ hasText: msg('en', 'partner.campaign.created') })).toBeVisible();
  const link = (await page.getByTestId('short-link').getAttribute('href'))!;
  const id = /campaigns\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const code = /\/c\/([2-9A-HJKMNP-Z]{7})$/.exec(link)?.[1];
  expect(code, `short link ${link}`).toBeTruthy();
  return { id, code: code!, link };
}

/** The four funnel figures of a campaign card on the partner page (or of a dl by test id). */
async function figures(scope: ReturnType<Page['locator']>): Promise<Record<(typeof STAGES)[number], string>> {
  const out = {} as Record<(typeof STAGES)[number], string>;
  for (const stage of STAGES) out[stage] = (await scope.locator(`[data-stage="${stage}"] dd`).innerText()).trim();
  return out;
}

/** A binary PGM (P5, 8-bit grey: what `pdftoppm -gray` writes) as its size and pixels. */
function readPgm(file: string): { width: number; height: number; grey: Uint8ClampedArray } {
  const bytes = fs.readFileSync(file);
  // The header: "P5", width, height, maximum value, each after white space, then one white-space byte.
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[at]!))) at++;
    let field = '';
    while (!/\s/.test(String.fromCharCode(bytes[at]!))) field += String.fromCharCode(bytes[at++]!);
    fields.push(field);
  }
  const [magic, width, height, max] = [fields[0], Number(fields[1]), Number(fields[2]), Number(fields[3])];
  if (magic !== 'P5' || max !== 255) throw new Error(`not an 8-bit PGM: ${fields.join(' ')}`);
  return { width, height, grey: new Uint8ClampedArray(bytes.subarray(at + 1, at + 1 + width * height)) };
}

/** Decodes a QR code anywhere in a (non-square) grey image, as a phone camera aimed at the printed page would. */
function decodeImage(image: { width: number; height: number; grey: Uint8ClampedArray }): string {
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.grey, image.width, image.height)));
  return new QRCodeReader().decode(bitmap, new Map([[DecodeHintType.TRY_HARDER, true]])).getText();
}

/** The chip path, start to card, on this phone (as issuance.spec.ts walks it). */
async function enrollWithChip(page: Page, locale: Locale, r: SyntheticResident) {
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

/** The admin invites a partner account for the demo embassy; the invitee registers a passkey on their own phone. */
async function embassyPartner(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await demoSignIn(admin, 'admin');
  await admin.goto('/en/staff/admin');
  await admin.getByRole('link', { name: msg('en', 'staff.admin.organisationsLink') }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'partner.organisations.title'));
  await expectNoAxeViolations(admin);
  const embassy = DEMO_PARTNERS.find((p) => p.key === 'embassy')!;
  await admin.getByLabel(msg('en', 'partner.organisations.organisation'), { exact: true }).selectOption({ label: embassy.name });
  await admin.getByLabel(msg('en', 'staff.admin.displayName'), { exact: true }).fill('Sok Dara');
  await admin.getByLabel(msg('en', 'staff.admin.handle')).fill(`sok.${Date.now()}@embassy.example`);
  await admin.getByRole('button', { name: msg('en', 'staff.admin.inviteButton') }).click();
  const inviteUrl = (await admin.getByTestId('invite-link').getAttribute('href'))!;
  await adminContext.close();

  const context = await newPhone(browser);
  const page = await context.newPage();
  await addVirtualAuthenticator(page);
  await page.goto(inviteUrl);
  await page.getByRole('button', { name: msg('en', 'staff.invite.button') }).click();
  await expect(page).toHaveURL(/\/en\/staff$/);
  await page.getByRole('link', { name: msg('en', 'staff.home.partner') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'partner.title'));
  await expect(page.getByText(msg('en', 'partner.intro', { organisation: embassy.name }))).toBeVisible();
  return { context, page };
}

test.describe('@dashboard outreach', () => {
  test.beforeAll(() => fs.mkdirSync(shots, { recursive: true }));

  test('@dashboard a partner makes a campaign in Khmer, Arabic and Myanmar and prints its A4 poster; the QR in the printed page is the short link', async ({ page }) => {
    test.setTimeout(120_000);
    await demoSignIn(page, 'partner');
    await page.getByRole('link', { name: msg('en', 'staff.home.partner') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'partner.title'));
    // The demo partner's own campaigns (seeded with a history), and not the embassy's.
    const association = DEMO_PARTNERS.find((p) => p.key === 'association')!;
    for (const c of association.campaigns) await expect(page.locator(`[data-code="${c.code}"]`)).toBeVisible();
    await expect(page.locator('[data-code="KHNEWS6"]')).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(shots, 'partner-page-412.png'), fullPage: true });

    const { id, code, link } = await createCampaign(page, `Temple fair ${Date.now()}`, ['ភាសាខ្មែរ', 'العربية', 'မြန်မာ']);
    expect(link).toBe(`${test.info().project.use.baseURL}/c/${code}`);
    await expectNoAxeViolations(page);
    expect((await scanQr(page, '[data-testid="campaign-qr"]')).text).toBe(link);
    await page.screenshot({ path: path.join(shots, 'campaign-page-412.png'), fullPage: true });

    // The Khmer poster: in Khmer, in the Khmer script font, whatever the page's own language.
    await page.getByTestId('poster-km').click();
    await expect(page).toHaveURL(new RegExp(`/en/staff/partner/campaigns/${id}/poster/km$`));
    const poster = page.getByTestId('poster');
    await expect(poster).toHaveAttribute('lang', 'km');
    await expect(poster.getByRole('heading', { level: 2 })).toHaveText(msg('km', 'poster.heading'));
    await expect(poster).toContainText(msg('km', 'poster.step2Title'));
    await expect(page.getByTestId('poster-link')).toHaveText(link.replace(/^https?:\/\//, ''));
    expect(await poster.evaluate((el) => getComputedStyle(el).fontFamily)).toContain('Noto Sans Khmer');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check("16px 'Noto Sans Khmer'", 'ខ្មែរ'))).toBe(true);
    await expectNoAxeViolations(page);
    await expect(page.getByRole('button', { name: msg('en', 'partner.poster.print') })).toBeEnabled();

    // Printed: one A4 page, no site chrome; drawn back to pixels, its QR code reads as the short link.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pdfFile = test.info().outputPath('poster-km.pdf');
    fs.writeFileSync(pdfFile, pdf);
    fs.copyFileSync(pdfFile, path.join(shots, 'poster-km.pdf'));
    const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const imageBase = test.info().outputPath('poster-km');
    execFileSync('pdftoppm', ['-r', '110', '-gray', '-singlefile', pdfFile, imageBase]);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', pdfFile, path.join(shots, 'poster-km-printed')]);
    expect(decodeImage(readPgm(`${imageBase}.pgm`))).toBe(link);

    // Each poster at A4 on screen (794 × 1123 CSS px), to look at: Khmer, Myanmar, Arabic (right to left);
    // and on paper, everything fits the one A4 page (the sheet clips what would not: nothing may be cut).
    await page.setViewportSize({ width: 794, height: 1123 });
    for (const lang of ['km', 'my', 'ar'] as const) {
      await page.emulateMedia({ media: 'print' });
      await page.goto(`/en/staff/partner/campaigns/${id}/poster/${lang}`);
      await page.evaluate(() => document.fonts.ready);
      const fit = await poster.evaluate((sheet) => ({ room: sheet.clientHeight, needs: sheet.firstElementChild!.scrollHeight }));
      expect(fit.needs, `${lang} poster fits its page`).toBeLessThanOrEqual(fit.room);
      await page.emulateMedia({ media: 'screen' });
      await expect(poster).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      await expect(poster.getByRole('heading', { level: 2 })).toHaveText(msg(lang, 'poster.heading'));
      await page.evaluate(() => document.fonts.ready);
      await poster.screenshot({ path: path.join(shots, `poster-${lang}-a4.png`) });
    }
    // A language the campaign was not made in has no poster.
    expect((await page.goto(`/en/staff/partner/campaigns/${id}/poster/vi`))?.status()).toBe(404);
  });

  test('@dashboard a visit through the short link, a check and an enrollment show in that partner’s funnel and in no other partner’s', async ({ browser, page, request }) => {
    test.setTimeout(180_000);
    await demoSignIn(page, 'partner');
    await page.goto('/en/staff/partner');
    // Two campaigns nobody visits sit beside it: with more than one hidden cell in each column, the small-cell
    // protection (lib/analytics: a lone hidden cell in a column with a shown total takes its smallest neighbour
    // with it) never has to hide this campaign's counts to protect another's.
    for (const n of [1, 2]) {
      await createCampaign(page, `Quiet ${n} ${Date.now()}`, ['ភាសាខ្មែរ']);
      await page.goto('/en/staff/partner');
    }
    const { id, code, link } = await createCampaign(page, `Sunday market ${Date.now()}`, ['ភាសាខ្មែរ', 'العربية']);
    const few = msg('en', 'partner.funnel.fewer', { n: '10' });
    expect(await figures(page.getByTestId('campaign-funnel'))).toEqual({ visits: few, checks: few, started: few, issued: few });

    // A resident scans the poster with a phone set to Khmer: the home page in Khmer, the campaign remembered.
    const phone = await browser.newContext({ ...devices['Pixel 7'], locale: 'km-KH', baseURL: test.info().project.use.baseURL });
    const resident = await phone.newPage();
    await addVirtualAuthenticator(resident);
    await resident.goto(link);
    await expect(resident).toHaveURL(new RegExp(`/km\\?c=${code}$`));
    await expect(resident.locator('html')).toHaveAttribute('lang', 'km');
    await expect(resident.getByRole('heading', { level: 1 })).toHaveText(msg('km', 'home.heading'));
    expect((await phone.cookies()).find((c) => c.name === 'arc_c')?.value).toBe(code);
    await expectNoAxeViolations(resident);

    // The eligibility check, then the whole chip enrollment on this phone.
    await resident.goto('/km/eligibility');
    for (const [question, option] of Object.entries({ age: '14plus', cardKind: 'chip', cardValid: 'yes', phoneOwn: 'yes', residence: 'residenceCard' })) {
      await resident.locator(`input[name="${question}"][value="${option}"]`).check();
    }
    await resident.locator('#checker-form button[type="submit"]').click();
    await expect(resident.locator('.result')).toHaveAttribute('data-code', 'eligible_chip');
    await enrollWithChip(resident, 'km', chipResident(0));
    await phone.close();
    // Eleven more people open the link (twelve visits in all).
    for (let i = 0; i < 11; i++) {
      const opened = await request.get(link, { maxRedirects: 0, headers: { 'accept-language': 'ar' } });
      expect(opened.status()).toBe(307);
      expect(opened.headers().location).toMatch(new RegExp(`/ar\\?c=${code}$`));
    }

    // The counters (the demo's own read of today's counters): each stage counted once for this campaign, the visits twelve times.
    const counted = async () => {
      const { counters } = (await (await request.get(`/api/funnel/demo?campaign=${code}`)).json()) as { counters: Array<{ event: string; count: number }> };
      const sum = (event: string) => counters.filter((c) => c.event === event).reduce((n, c) => n + c.count, 0);
      return { visits: sum('link_opened'), checks: sum('eligibility_answered:eligible_chip'), started: sum('enrollment_started'), issued: sum('issued') };
    };
    await expect.poll(counted).toEqual({ visits: 12, checks: 1, started: 1, issued: 1 });

    // The partner's funnel shows them as published: twelve visits rounded to 10, the single check, start and card as "<10".
    await page.goto(`/en/staff/partner/campaigns/${id}`);
    expect(await figures(page.getByTestId('campaign-funnel'))).toEqual({ visits: '10', checks: few, started: few, issued: few });
    await page.goto('/en/staff/partner');
    expect(await figures(page.locator(`[data-code="${code}"]`))).toEqual({ visits: '10', checks: few, started: few, issued: few });
    await page.setViewportSize({ width: 412, height: 915 });
    await page.screenshot({ path: path.join(shots, 'partner-page-after-visit-412.png'), fullPage: true });

    // Another partner (the demo embassy's new account) sees none of it: not the campaign, not its page, not its counts.
    const { context, page: other } = await embassyPartner(browser);
    await expect(other.locator(`[data-code="${code}"]`)).toHaveCount(0);
    await expect(other.locator('[data-code="KHNEWS6"]')).toBeVisible();
    for (const c of DEMO_PARTNERS.find((p) => p.key === 'association')!.campaigns) await expect(other.locator(`[data-code="${c.code}"]`)).toHaveCount(0);
    await expectNoAxeViolations(other);
    expect((await other.goto(`/en/staff/partner/campaigns/${id}`))?.status()).toBe(404);
    expect((await other.goto(`/en/staff/partner/campaigns/${id}/poster/km`))?.status()).toBe(404);
    await context.close();
  });
});
