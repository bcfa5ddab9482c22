// Shared helpers for the journeys.
import AxeBuilder from '@axe-core/playwright';
import zxing from '@zxing/library';
import { devices, expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import IntlMessageFormat from 'intl-messageformat';
import path from 'node:path';

export const locales = [
  'ko', 'en', 'zh-CN', 'vi', 'th', 'uz', 'ne', 'km', 'mn', 'ru',
  'tl', 'id', 'my', 'ja', 'lo', 'si', 'bn', 'kk', 'ur', 'ar',
] as const;
export type Locale = (typeof locales)[number];
export const rtl = new Set<Locale>(['ur', 'ar']);

/**
 * The locales the per-locale sweeps (every home, axe on the guide pages)
 * cover: all 20. ARC_E2E_LOCALE_SWEEPS=0 narrows them to English and one
 * right-to-left locale, for quick local runs.
 */
export const sweepLocales: readonly Locale[] = process.env.ARC_E2E_LOCALE_SWEEPS === '0' ? ['en', 'ar'] : locales;

/**
 * The locales whose every guide page gets its own axe pass: English and the
 * scripts that shape or run differently (Arabic and Nastaliq right to left,
 * Devanagari, Khmer, Myanmar, Sinhala). The other 13 get the guide's index,
 * a topic and the checker: the pages are the same markup in every language,
 * and the messages test has already checked each locale's texts. This halves
 * the sweep's time in CI. ARC_E2E_FULL_SWEEP=1 sweeps every page in every
 * locale.
 */
export const everyPageLocales: ReadonlySet<Locale> = new Set(
  process.env.ARC_E2E_FULL_SWEEP === '1' ? locales : (['en', 'ar', 'ur', 'ne', 'km', 'my', 'si'] as const),
);

type Messages = { [key: string]: string | Messages };
const cache = new Map<string, Messages>();
export function messages(locale: Locale): Messages {
  if (!cache.has(locale)) {
    cache.set(locale, JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'messages', `${locale}.json`), 'utf8')));
  }
  return cache.get(locale)!;
}

/** A message by dotted key, for asserting through translation keys rather than literal copy. */
export function msg(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  let node: string | Messages | undefined = messages(locale);
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no message ${key} in ${locale}`);
  // Given values, numbers ({n, number}, plurals) as the server writes them: ICU, in the locale's digits.
  // Without values the message comes back as written (a journey may cut it around an argument).
  if (Object.keys(values).length && /\{\w+, ?(number|plural|selectordinal|select)\b/.test(node)) return new IntlMessageFormat(node, locale).format(values) as string;
  return node.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/**
 * Types a date of birth (YYYY-MM-DD) into a form's three boxes
 * (components/birth-date-fields.tsx), each found by its label in the page's
 * language (`namespace` holds day, month and year: enroll, booking.book, loss).
 */
export async function fillBirthDate(form: Locator, locale: Locale, namespace: 'enroll' | 'booking.book' | 'loss', date: string): Promise<void> {
  const [year, month, day] = date.split('-');
  const boxes = form.getByTestId('birth-date');
  await boxes.getByLabel(msg(locale, `${namespace}.day`), { exact: true }).fill(day!);
  await boxes.getByLabel(msg(locale, `${namespace}.month`), { exact: true }).fill(month!);
  await boxes.getByLabel(msg(locale, `${namespace}.year`), { exact: true }).fill(year!);
}

/** Runs axe on the page and fails with the violations listed. */
export async function expectNoAxeViolations(page: Page) {
  // A page that has just refreshed itself (router.refresh after a call ends, a status change)
  // streams its metadata after its body: for a moment there is no <title>. Wait for it (a page
  // that never gets one still fails here, with this message), then look at the settled page.
  await expect(page, `no document title on ${page.url()}`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

const { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;

/** The QR code under `selector` (an element holding its SVG), drawn to a canvas of size×size: RGBA pixels. */
export async function qrPixels(page: Page, selector: string, size: number): Promise<Uint8ClampedArray> {
  const data = await page.evaluate(
    async ({ selector, size }) => {
      const svg = document.querySelector(`${selector} svg`) as SVGSVGElement;
      const img = new Image();
      img.src = `data:image/svg+xml;base64,${btoa(new XMLSerializer().serializeToString(svg))}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, size, size);
      ctx.drawImage(img, 0, 0, size, size);
      // As base64, not a JSON array of numbers: a 440-pixel square is 774,400 bytes (3 MB as JSON, 1 MB as base64).
      const bytes = ctx.getImageData(0, 0, size, size).data;
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { selector, size },
  );
  return new Uint8ClampedArray(Buffer.from(data, 'base64'));
}

/** Decodes RGBA pixels with ZXing: first as a camera frame, then as a clean code on its quiet zone. */
export function decodeQr(rgba: Uint8ClampedArray, size: number): string {
  const luminance = new Uint8ClampedArray(size * size);
  for (let i = 0; i < luminance.length; i++) luminance[i] = (rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3;
  const bitmap = () => new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, size, size)));
  try {
    return new QRCodeReader().decode(bitmap(), new Map([[DecodeHintType.TRY_HARDER, true]])).getText();
  } catch {
    return new QRCodeReader().decode(bitmap(), new Map([[DecodeHintType.PURE_BARCODE, true]])).getText();
  }
}

/**
 * Reads the QR code on screen as a phone camera would, from more than one
 * distance: ZXing's finder-pattern sampling misses some codes at one
 * rendering size and reads them at another (a camera moves; a journey must
 * not fail on one unlucky scale). Returns the text and the pixels it read.
 */
export async function scanQr(page: Page, selector: string): Promise<{ text: string; pixels: Uint8ClampedArray; size: number }> {
  let last: unknown;
  for (const size of [440, 400, 520, 640]) {
    const pixels = await qrPixels(page, selector, size);
    try {
      return { text: decodeQr(pixels, size), pixels, size };
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

/** A phone: a browser context shaped like a Pixel 7 on the journeys' server. */
export async function newPhone(browser: Browser, options: { locale?: string } = {}): Promise<BrowserContext> {
  // locale: the phone's own language (its Accept-Language), for links that carry none.
  return browser.newContext({ ...devices['Pixel 7'], baseURL: test.info().project.use.baseURL, ...options });
}

/**
 * Gives the page's browser a platform authenticator (Chromium's CDP virtual
 * authenticator: resident keys, user verification done) that stands for the
 * phone's own, for real WebAuthn ceremonies.
 */
export async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/** A phone number as the app shows it masked ("010-****-0101"). */
export const maskedPhone = (phone: string) => {
  const d = phone.replace(/\D/g, '');
  return `${d.slice(0, 3)}-****-${d.slice(-4)}`;
};

/**
 * The newest 6-digit code the SMS simulator sent to `phone`, read off the dev
 * inbox in a page of the phone's own browser; `after`: a code already used,
 * to wait for the next one.
 */
export async function smsCodeFor(context: BrowserContext, phone: string, locale: Locale = 'en', after = ''): Promise<string> {
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

/** Sums the page's layout shifts (those not caused by input) from its first paint on; read it with layoutShifted. */
export async function watchLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { layoutShifted: number };
    w.layoutShifted = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) w.layoutShifted += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The layout shift the page has had so far (what Lighthouse calls CLS, for one load): 0.1 is the limit of "good". */
export function layoutShifted(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { layoutShifted?: number }).layoutShifted ?? NaN);
}
