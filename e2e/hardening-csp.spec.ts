// Issue 13 (hardening), point 4 in a real browser: the Content-Security-Policy
// holds on every kind of page with nothing blocked (so the policy vouches
// for every script and style the app needs, and no more); a card locked from
// another browser closes the phone's open card and its session; a form
// posted by another site is refused and changes nothing.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Browser, type Page, type Response } from '@playwright/test';
import { checkEligibility } from '../lib/eligibility';
import { generateResidents, type SyntheticResident } from '../lib/population';
import { topicSlugs } from '../lib/guidance';
import { addVirtualAuthenticator, fillBirthDate, type Locale, maskedPhone, msg, newPhone, smsCodeFor } from './support';

// The population scripts/e2e-server.sh seeds; other journeys use other slices of it.
const population = generateResidents({ seed: 'arc-mobile', asOf: '2026-11-01' }, 2000);
const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const eligibleChip = population.filter((r) => r.card.kind === 'chip' && checkEligibility(r, { ...r.card, replacedAt: null }, today).eligible);
function resident(n: number): SyntheticResident {
  const r = eligibleChip[600 + n];
  if (!r) throw new Error('not enough eligible chip residents in the seeded population');
  return r;
}

/**
 * Every kind of page a person opens, with whether it is personal (no-store)
 * and whether the build prerenders it (the same HTML for everyone: its
 * policy lists its inline scripts' hashes; every other page gets a nonce).
 */
const PAGES: ReadonlyArray<{ path: string; personal: boolean; prerendered?: true }> = [
  { path: '', personal: false, prerendered: true },
  { path: '/guide', personal: false, prerendered: true },
  ...topicSlugs.map((slug) => ({ path: `/guide/${slug}`, personal: false, prerendered: true as const })),
  { path: '/eligibility', personal: false, prerendered: true },
  { path: '/enroll', personal: true },
  { path: '/enroll/chip', personal: true },
  { path: '/enroll/office', personal: true },
  { path: '/enroll/video', personal: true },
  { path: '/card', personal: true },
  { path: '/verify', personal: false, prerendered: true },
  { path: '/loss', personal: false, prerendered: true },
  { path: '/loss/done', personal: true },
  { path: '/booking', personal: false },
  { path: '/staff/sign-in', personal: true },
  { path: '/staff/demo', personal: true },
  { path: '/dev/inbox', personal: true },
  { path: '/transparency', personal: false },
  { path: '/privacy', personal: false, prerendered: true },
  { path: '/offline', personal: false, prerendered: true },
];

type Violation = { directive: string; blocked: string; url: string };

/** Reports every CSP violation and every console error about the policy the page meets, from its first script on. */
async function watchPolicy(page: Page): Promise<{ violations: Violation[]; console: string[] }> {
  const seen = { violations: [] as Violation[], console: [] as string[] };
  await page.exposeFunction('__arcReportViolation', (v: Violation) => void seen.violations.push(v));
  // Evaluated by the browser before the page's own scripts, outside its policy.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __arcReportViolation: (v: unknown) => void }).__arcReportViolation({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        url: e.documentURI,
      });
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(m.text())) seen.console.push(`${page.url()}: ${m.text()}`);
  });
  return seen;
}

function directivesOf(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!.toLowerCase(), values]));
}

/**
 * The page's policy: nothing inline it has not vouched for. A page rendered
 * per request: a fresh nonce and 'strict-dynamic', the nonce on every script
 * it has. A prerendered page: no nonce; every inline script's hash listed,
 * every other script from this origin. Returns the nonce, or null for a
 * prerendered page.
 */
async function expectPagePolicy(page: Page, answer: Response): Promise<string | null> {
  const header = answer.headers()['content-security-policy'];
  expect(header, `Content-Security-Policy on ${answer.url()}`).toBeTruthy();
  const d = directivesOf(header!);
  const scriptSrc = d.get('script-src') ?? [];
  expect(scriptSrc.some((v) => /^'(nonce-|sha256-)/.test(v)), `script-src vouches by nonce or hash on ${answer.url()}`).toBe(true);
  expect(scriptSrc, answer.url()).not.toContain("'unsafe-inline'");
  expect(scriptSrc, answer.url()).not.toContain("'unsafe-eval'");
  for (const [name, value] of [
    ['default-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
  ] as const) {
    expect(d.get(name), `${name} on ${answer.url()}`).toEqual(value);
  }
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({ nonce: s.nonce, src: s.src, text: s.src ? '' : s.text })));
  expect(scripts.length, `scripts on ${answer.url()}`).toBeGreaterThan(0);
  const nonceSource = scriptSrc.find((v) => v.startsWith("'nonce-"));
  let nonce: string | null = null;
  if (nonceSource) {
    nonce = nonceSource.slice(7, -1);
    expect(scriptSrc, answer.url()).toContain("'strict-dynamic'");
    // Every script element carries the page's nonce (the browser hides the attribute but keeps the property),
    // but for an inline one the layout writes the same on every page, which the policy lists by hash
    // (the Urdu font's late switch).
    for (const s of scripts) {
      if (s.nonce === nonce) continue;
      expect(s.src, `a script file without the page's nonce on ${answer.url()}`).toBe('');
      expect(scriptSrc, `an inline script with neither the nonce nor a listed hash on ${answer.url()}`).toContain(`'sha256-${createHash('sha256').update(s.text).digest('base64')}'`);
    }
  } else {
    expect(scriptSrc, answer.url()).toContain("'self'");
    expect(scriptSrc, answer.url()).not.toContain("'strict-dynamic'");
    const origin = new URL(answer.url()).origin;
    for (const s of scripts) {
      if (s.src) expect(new URL(s.src).origin, `a script from another origin on ${answer.url()}`).toBe(origin);
      else expect(scriptSrc, `an inline script the policy does not list on ${answer.url()}`).toContain(`'sha256-${createHash('sha256').update(s.text).digest('base64')}'`);
    }
  }
  // The app's scripts ran: Next's runtime is up (a blocked script would also have reported a violation).
  await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version))).toBe(true);
  return nonce;
}

for (const locale of ['en', 'ar', 'ur'] as const) {
  test(`@hardening CSP holds on every kind of page in ${locale}: a nonce per answer or the hashes of a prerendered page, every script vouched for, no violation`, async ({ page, browser }) => {
    test.setTimeout(240_000);
    const seen = await watchPolicy(page);
    const nonces = new Set<string>();
    for (const { path, personal, prerendered } of PAGES) {
      const answer = await page.goto(`/${locale}${path}`, { waitUntil: 'load' });
      expect(answer, path).toBeTruthy();
      expect(answer!.status(), `/${locale}${path}`).toBeLessThan(400);
      const nonce = await expectPagePolicy(page, answer!);
      // Prerendered pages are the same for everyone, so they carry no nonce and may be cached; the others a fresh one.
      if (prerendered) {
        expect(nonce, `/${locale}${path} is prerendered`).toBeNull();
        expect(answer!.headers()['cache-control'] ?? '', `/${locale}${path} is prerendered`).not.toContain('no-store');
      } else nonces.add(nonce!);
      if (personal) expect(answer!.headers()['cache-control'], `/${locale}${path} is personal`).toContain('no-store');
      // Late work (chunks loaded on demand, the service worker's registration) gets its chance to be blocked.
      await page.waitForTimeout(150);
    }
    // A fresh nonce for each answer rendered per request.
    expect(nonces.size).toBe(PAGES.filter((p) => !p.prerendered).length);
    expect(seen.violations).toEqual([]);
    expect(seen.console).toEqual([]);

    // And the watch works: markup an attacker slipped into a page (as a reflected injection would be,
    // parsed with the page) neither runs its script nor its inline handler, and both are reported.
    // (Its own context with no service worker: page.route does not see what a worker answers.)
    const bare = await browser.newContext({ baseURL: test.info().project.use.baseURL, serviceWorkers: 'block' });
    const attacked = await bare.newPage();
    const watched = await watchPolicy(attacked);
    await attacked.route(`**/${locale}/privacy`, async (route) => {
      const original = await route.fetch();
      const html = (await original.text()).replace(
        '</body>',
        '<script>window.__arcInjected = true</script><img src="data:," onerror="window.__arcInjected = true"></body>',
      );
      await route.fulfill({ response: original, body: html });
    });
    await attacked.goto(`/${locale}/privacy`);
    expect(await attacked.evaluate(() => Boolean((window as unknown as { __arcInjected?: boolean }).__arcInjected))).toBe(false);
    await expect.poll(() => watched.violations.map((v) => v.directive).sort()).toEqual(['script-src-attr', 'script-src-elem']);
    expect(watched.console.length).toBe(2);
    await bare.close();
  });
}

test('@hardening staff pages signed in keep the policy (charts, desks, forms); each sign-in gets a new session and the old one ends', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const seen = await watchPolicy(page);
  const signIn = async (role: 'officer' | 'analyst' | 'partner' | 'admin') => {
    await page.goto('/en/staff/demo');
    await page.getByRole('button', { name: msg('en', `staff.demo.signInAs.${role}`) }).click();
    await expect(page).toHaveURL(/\/en\/staff$/);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'arc_staff');
    expect(cookie, 'the staff session cookie').toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    return cookie!.value;
  };
  const visit = async (path: string) => {
    const answer = await page.goto(path);
    expect(answer!.status(), path).toBeLessThan(400);
    expect(page.url(), `${path} (signed in)`).not.toContain('/sign-in');
    await expectPagePolicy(page, answer!);
    expect(answer!.headers()['cache-control'], `${path} is personal`).toContain('no-store');
    await page.waitForTimeout(150);
  };

  const officer = await signIn('officer');
  for (const path of ['/en/staff', '/en/staff/officer', '/en/staff/slots', '/en/staff/loss', '/en/staff/video']) await visit(path);
  const analyst = await signIn('analyst');
  expect(analyst).not.toBe(officer);
  await visit('/en/staff/dashboard');
  await visit('/ar/staff/dashboard');
  const partner = await signIn('partner');
  await visit('/en/staff/partner');
  await visit('/en/staff/partner/organisations');
  await signIn('admin');
  await visit('/en/staff/admin');
  expect(seen.violations).toEqual([]);
  expect(seen.console).toEqual([]);

  // The sessions this browser held before each sign-in ended with it: their cookies sign no one in.
  for (const old of [officer, analyst, partner]) {
    const elsewhere = await browser.newContext({ baseURL });
    await elsewhere.addCookies([{ name: 'arc_staff', value: old, url: baseURL! }]);
    const tab = await elsewhere.newPage();
    await tab.goto('/en/staff');
    await expect(tab).toHaveURL(/\/en\/staff\/sign-in/);
    await elsewhere.close();
  }
});

test('@hardening CSP offline: a guide page the service worker kept comes back with its own policy, and its scripts still run', async ({ page, context }) => {
  const seen = await watchPolicy(page);
  const topic = `/ar/guide/${topicSlugs[1]}`;
  await page.goto('/ar');
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), { timeout: 30_000 }).toMatch(/\/serwist\/sw\.js$/);
  await expect.poll(() => page.evaluate(async (path) => Boolean(await caches.match(path)), topic), { timeout: 30_000 }).toBe(true);

  await context.setOffline(true);
  const answer = await page.goto(topic);
  expect(answer!.status()).toBe(200);
  await expect(page.locator('h1')).toBeVisible();
  // The header and the page's scripts were stored together, so they still match.
  await expectPagePolicy(page, answer!);
  await page.waitForTimeout(300);
  expect(seen.violations).toEqual([]);
  expect(seen.console).toEqual([]);
  await context.setOffline(false);
});

test('@hardening CSP: JSON answers, the verify fast path and the service worker carry a policy of their own', async ({ request }) => {
  for (const answer of [
    await request.get('/api/health'),
    await request.post('/api/presentations/verify', { data: { token: 'a.b.c' } }),
    await request.get('/.well-known/jwks.json'),
  ]) {
    const d = directivesOf(answer.headers()['content-security-policy'] ?? '');
    expect(d.get('default-src'), answer.url()).toEqual(["'none'"]);
    expect(d.get('frame-ancestors'), answer.url()).toEqual(["'none'"]);
  }
  // Personal answers are never stored by a browser or a proxy.
  for (const answer of [
    await request.get('/api/presentations/card-status'),
    await request.post('/api/presentations/tokens', { data: { profile: 'age19' } }),
    await request.get('/api/dashboard/csv?table=nationality'),
  ]) {
    expect(answer.headers()['cache-control'], answer.url()).toContain('no-store');
  }
  const worker = await request.get('/serwist/sw.js');
  expect(directivesOf(worker.headers()['content-security-policy'] ?? '').get('script-src')).toEqual(["'self'"]);
});

// ---------------------------------------------------------------- a card on a phone

/** A phone with a card freshly issued on the chip path, open on its card screen with a QR. */
async function phoneShowingCard(browser: Browser, r: SyntheticResident): Promise<Page> {
  const locale: Locale = 'en';
  const context = await newPhone(browser);
  const page = await context.newPage();
  await addVirtualAuthenticator(page);
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
  await page.goto(`/${locale}/card`);
  await page.getByTestId('unlock-card').click();
  await expect(page.getByTestId('card-qr')).toHaveAttribute('data-token', /^[\w-]+\.[\w-]+\.[\w-]+$/);
  return page;
}

/** What the phone's card session can still do: a fresh token (200) or a refusal's status and code. */
async function tokenAnswer(phone: Page): Promise<{ status: number; code?: string }> {
  return phone.evaluate(async () => {
    const response = await fetch('/api/presentations/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ profile: 'age19' }),
    });
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
    return { status: response.status, code: body.error?.code };
  });
}

test('@hardening a card locked from another browser: the open card screen loses its QR and says locked; its session no longer works', async ({ browser }) => {
  const r = resident(0);
  const phone = await phoneShowingCard(browser, r);
  const session = (await phone.context().cookies()).find((c) => c.name === 'arc_card');
  expect(session, 'the open card’s cookie').toBeTruthy();
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect((await tokenAnswer(phone)).status).toBe(200);

  // The loss reported from another browser.
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { 'x-forwarded-for': '198.51.77.13' } });
  const page = await other.newPage();
  await page.goto('/en/loss');
  const form = page.getByTestId('loss-form');
  await form.getByLabel(msg('en', 'loss.registrationNumber'), { exact: true }).fill(r.registrationNumber);
  await form.getByLabel(msg('en', 'loss.cardSerial'), { exact: true }).fill(r.card.serial);
  const [year, month, day] = r.birthDate.split('-');
  await form.getByLabel(msg('en', 'loss.day'), { exact: true }).fill(String(Number(day)));
  await form.getByLabel(msg('en', 'loss.month'), { exact: true }).fill(String(Number(month)));
  await form.getByLabel(msg('en', 'loss.year'), { exact: true }).fill(year!);
  await form.getByRole('button', { name: msg('en', 'loss.submit') }).click();
  await expect(page.getByTestId('loss-answer')).toHaveText(msg('en', 'loss.done.locked'));

  // The phone, untouched: its open screen drops the QR and says the card is locked.
  await expect(phone.getByTestId('card-closed')).toHaveAttribute('data-closed', 'locked', { timeout: 20_000 });
  await expect(phone.getByTestId('card-qr')).toHaveCount(0);
  // Its cookie is still in the jar, but the session behind it ended with the lock: not "locked" (423), "unlock first" (401).
  expect(await tokenAnswer(phone)).toEqual({ status: 401, code: 'presentation.unlock_required' });
  await Promise.all([phone.context().close(), other.close()]);
});

/** A page on another origin (another port of 127.0.0.1: another site to the browser) that posts a form at once. */
async function otherSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function autoPost(action: string, fields: Array<[string, string]>, enctype = 'application/x-www-form-urlencoded'): string {
  const inputs = fields.map(([n, v]) => `<input type="hidden" name="${escapeHtml(n)}" value="${escapeHtml(v)}">`).join('');
  return `<!doctype html><title>Win a prize</title><form method="post" action="${escapeHtml(action)}" enctype="${enctype}">${inputs}</form><script>document.forms[0].submit()</script>`;
}

test('@hardening a form another site posts is refused with cross_site and changes nothing: the loss API and the loss page’s server action', async ({ browser, baseURL }) => {
  const r = resident(1);
  const phone = await phoneShowingCard(browser, r);
  const [year, month, day] = r.birthDate.split('-');

  // 1. The JSON route, posted as a form from another site.
  const evil = await browser.newContext();
  const victim = await evil.newPage();
  const api = await otherSite(
    autoPost(`${baseURL}/api/loss`, [
      ['registrationNumber', r.registrationNumber],
      ['cardSerial', r.card.serial],
      ['birthDate', r.birthDate],
    ]),
  );
  const apiAnswer = victim.waitForResponse((res) => res.url() === `${baseURL}/api/loss`);
  await victim.goto(api.url);
  const refused = await apiAnswer;
  expect(refused.status()).toBe(403);
  expect(refused.request().headers()['origin']).toBe(new URL(api.url).origin);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('cross_site');
  expect(body.error.message).toBeTruthy();
  await api.close();

  // 2. The loss page's own form (a server action, with its progressive-enhancement fields), replayed from another site.
  const same = await browser.newContext({ baseURL });
  const lossPage = await same.newPage();
  await lossPage.goto('/en/loss');
  const hidden = await lossPage.getByTestId('loss-form').evaluate((form: HTMLFormElement) =>
    [...form.querySelectorAll<HTMLInputElement>('input[type=hidden]')].map((i) => [i.name, i.value] as [string, string]),
  );
  expect(hidden.some(([name]) => name.startsWith('$ACTION')), 'the form posts to a server action').toBe(true);
  await same.close();
  const action = await otherSite(
    autoPost(
      `${baseURL}/en/loss`,
      [
        ...hidden,
        ['registrationNumber', r.registrationNumber],
        ['cardSerial', r.card.serial],
        ['day', String(Number(day))],
        ['month', String(Number(month))],
        ['year', year!],
      ],
      'multipart/form-data',
    ),
  );
  const actionAnswer = victim.waitForResponse((res) => res.url() === `${baseURL}/en/loss` && res.request().method() === 'POST');
  await victim.goto(action.url);
  const actionRefused = await actionAnswer;
  // Refused before Next runs the action (proxy.ts), with the same body as the route's.
  expect(actionRefused.status()).toBe(403);
  expect(((await actionRefused.json()) as { error: { code: string } }).error.code).toBe('cross_site');
  await action.close();
  await evil.close();

  // Nothing changed: the card is still active and its open screen still shows a code.
  const status = await phone.evaluate(async () => (await (await fetch('/api/presentations/card-status')).json()) as { status: string });
  expect(status.status).toBe('active');
  expect((await tokenAnswer(phone)).status).toBe(200);
  await expect(phone.getByTestId('card-qr')).toHaveAttribute('data-token', /^[\w-]+\.[\w-]+\.[\w-]+$/);
  await phone.context().close();
});
