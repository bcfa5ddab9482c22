// The audit chain anyone can check: the transparency page's head is the
// published checkpoint's, signed with the published key, and — run from
// outside the server, as an auditor would — `npm run audit:verify` finds the
// chain whole and gives the same hash at that size. On the embedded database
// the verifier cannot open the data directory the server holds: there the
// journey shows that it refuses, naming the holder, and checks the signature
// itself; on PostgreSQL (CI's second pass) it runs the verifier for real.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey, verify } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, msg, newPhone, rtl, type Locale } from './support';

type Published = {
  checkpoint: { size: number; head: string; at: string; keyId: string; signature: string; text: string } | null;
  entries: number;
  keys: { kid: string; kty: 'OKP'; crv: 'Ed25519'; x: string }[];
};

const root = path.resolve(import.meta.dirname, '..');

/** Where scripts/e2e-server.sh put this run's database (ARC_DATA_DIR, DATABASE_URL). */
function serverDatabase(baseURL: string): { dataDir?: string; databaseUrl?: string } {
  const port = new URL(baseURL).port;
  const file = `/tmp/arc-e2e-${port}.env`;
  if (!fs.existsSync(file)) return {};
  const env = Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { dataDir: env.ARC_DATA_DIR || undefined, databaseUrl: env.DATABASE_URL || undefined };
}

/** Runs `npm run audit:verify` (the script itself, with tsx) with the given database. */
function auditVerify(env: Record<string, string>, args: string[]) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'ARC_DATA_DIR', 'ARC_AUDIT_KEY'].includes(k)));
  return spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'audit-verify.ts'), ...args], {
    cwd: root,
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

async function published(page: Page, size?: number): Promise<Published> {
  const response = await page.request.get(`/api/audit/checkpoint${size ? `?size=${size}` : ''}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['access-control-allow-origin']).toBe('*');
  return (await response.json()) as Published;
}

/** What the page shows as the latest checkpoint: its size and head, as data and as read. */
async function shownCheckpoint(page: Page, locale: Locale) {
  const facts = page.getByTestId('checkpoint');
  await expect(facts).toBeVisible();
  const size = Number(await facts.getAttribute('data-size'));
  const head = (await facts.getAttribute('data-head'))!;
  // What a person reads: the count in the page's own digits, the hash in groups of 8, left to right.
  await expect(page.getByTestId('checkpoint-size')).toHaveText(new Intl.NumberFormat(locale).format(size));
  const shownHead = (await page.getByTestId('checkpoint-head').innerText()).replace(/\s+/g, '');
  expect(shownHead).toBe(head);
  await expect(page.getByTestId('checkpoint-head').locator('bdi')).toHaveAttribute('dir', 'ltr');
  return { size, head };
}

test('@hardening the transparency page’s head is the signed checkpoint’s, and audit:verify agrees', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);

  // Something worth recording: a staff sign-in appends an entry; a checkpoint is sealed within seconds of the first.
  const desk = await newPhone(browser);
  const staffPage = await desk.newPage();
  await staffPage.goto('/en/staff/demo');
  await staffPage.getByRole('button', { name: msg('en', 'staff.demo.signInAs.officer') }).click();
  await staffPage.waitForURL(/\/en\/staff$/);
  await desk.close();
  await expect.poll(async () => (await published(page)).checkpoint?.size ?? 0, { timeout: 60_000, intervals: [1000, 2000, 5000] }).toBeGreaterThan(0);

  for (const locale of ['en', 'ar'] as const) {
    await page.goto(`/${locale}/transparency`);
    await expect(page.locator('html')).toHaveAttribute('dir', rtl.has(locale) ? 'rtl' : 'ltr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'transparency.title'));
    await expect(page.getByRole('heading', { level: 2, name: msg(locale, 'transparency.latestTitle') })).toBeVisible();
    const shown = await shownCheckpoint(page, locale);
    await expect(page.getByTestId('checkpoint-signature')).toHaveText(msg(locale, 'transparency.signatureValid'));
    await expect(page.getByText(msg(locale, 'transparency.not'))).toBeVisible();

    // The endpoint publishes the same checkpoint (asked by its size: a newer one may have been sealed meanwhile).
    const same = await published(page, shown.size);
    expect(same.checkpoint).toMatchObject({ size: shown.size, head: shown.head });
    const signedAt = page.locator('time');
    await expect(signedAt).toHaveAttribute('datetime', same.checkpoint!.at);
    await expect(signedAt).toHaveText(
      new Intl.DateTimeFormat(locale, { calendar: 'gregory', timeZone: 'Asia/Seoul', dateStyle: 'long', timeStyle: 'short' }).format(new Date(same.checkpoint!.at)),
    );
    // …signed over exactly (size, head, time) with the published key, which anyone can check.
    const cp = same.checkpoint!;
    expect(cp.text).toBe(`ARC Mobile audit checkpoint v1\n${cp.size}\n${cp.head}\n${cp.at}\n`);
    const jwk = same.keys.find((k) => k.kid === cp.keyId)!;
    expect(jwk).toBeDefined();
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    expect(verify(null, Buffer.from(cp.text, 'utf8'), key, Buffer.from(cp.signature, 'base64'))).toBe(true);
    const forged = cp.text.replace(cp.head, cp.head.replace(/^./, (c) => (c === '0' ? '1' : '0')));
    expect(verify(null, Buffer.from(forged, 'utf8'), key, Buffer.from(cp.signature, 'base64'))).toBe(false);

    // The links: to the endpoint, and back to the guide's security topic (both exist).
    expect((await page.request.get(await page.getByRole('link', { name: '/api/audit/checkpoint' }).getAttribute('href') ?? '')).status()).toBe(200);
    const more = page.getByRole('link', { name: msg(locale, 'transparency.more') });
    expect((await page.request.get((await more.getAttribute('href'))!)).status()).toBe(200);
    // The footer links here, on every page.
    await expect(page.locator('footer').getByRole('link', { name: msg(locale, 'shell.transparencyLink') })).toHaveAttribute('href', `/${locale}/transparency`);

    await expectNoAxeViolations(page);

    // The verifier, run as an auditor runs it, from outside the server.
    const where = serverDatabase(baseURL!);
    if (where.databaseUrl) {
      const keyArg = JSON.stringify({ keys: same.keys });
      const run = auditVerify({ DATABASE_URL: where.databaseUrl }, ['--json', '--at', String(shown.size), '--key', keyArg]);
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as { ok: boolean; entries: number; hashAt?: { seq: number; hash: string }; keysFrom: string };
      expect(report).toMatchObject({ ok: true, keysFrom: 'configured', hashAt: { seq: shown.size, hash: shown.head } });
      expect(report.entries).toBeGreaterThanOrEqual(shown.size);
    } else if (where.dataDir) {
      // The embedded database is the server's alone: the verifier refuses, naming the process that holds it.
      const run = auditVerify({ ARC_DATA_DIR: where.dataDir }, ['--at', String(shown.size)]);
      expect(run.status).toBe(3);
      expect(run.stderr).toMatch(/in use by "arc-mobile server \(port \d+\)" \(pid \d+/);
      test.info().annotations.push({ type: 'audit:verify', description: 'the embedded database is held by the server: the signature and the endpoint were checked here; CI’s PostgreSQL pass runs audit:verify itself' });
    }
  }
});

test('@hardening the transparency page on a phone, in Arabic and Burmese', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  for (const locale of ['ar', 'my'] as const) {
    await page.goto(`/${locale}/transparency`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'transparency.title'));
    // Nothing wider than the phone: the hash wraps between its groups.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: test.info().outputPath(`transparency-${locale}.png`), fullPage: true });
  }
  await context.close();
});
