// The analyst dashboard (issue 11): filters that combine (a GET form) and
// the tables that follow them, a CSV download that holds the table's
// figures, small cells shown as "<10" with a second one hidden so no total
// gives them away, the admin's target, the role guard, and a screen-reader
// pass (axe, headings, every table's scroll region reached with Tab). The
// demo database has its history since 2025-01-10 (lib/population/history.ts).
import fs from 'node:fs';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, msg, type Locale } from './support';

// A large page (17 tables, 690 days of series): axe and the keyboard pass take their time on a busy 2-core machine.
test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 30_000 });
test.use({ actionTimeout: 30_000 });

async function signIn(page: Page, role: 'analyst' | 'admin' | 'partner' | 'officer', locale: Locale = 'en') {
  await page.goto(`/${locale}/staff/demo`);
  await page.getByRole('button', { name: msg(locale, `staff.demo.signInAs.${role}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/staff$`));
}

/** A table's rows as [key, cell texts…]. */
async function tableRows(page: Page, id: string): Promise<Array<{ key: string; label: string; cells: string[] }>> {
  return page.getByTestId(`table-${id}`).locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({
      key: row.getAttribute('data-key') ?? '',
      label: (row.querySelector('th')?.textContent ?? '').trim(),
      cells: [...row.querySelectorAll('td')].map((td) => (td.querySelector('[aria-hidden="true"]')?.textContent ?? td.textContent ?? '').trim()),
    })),
  );
}

/** RFC 4180 lines and fields: quoted fields may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

/** "1,234" → "1234"; "<10" stays; "12.5%" → "12.5%". */
const plainCount = (text: string) => (text.startsWith('<') ? text : text.replace(/,/g, ''));

test('@dashboard the analyst combines filters, the tables follow, and a CSV download matches its table', async ({ page }) => {
  await signIn(page, 'analyst');
  await page.getByRole('link', { name: msg('en', 'staff.home.dashboard') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'staff.dashboard.title'));
  const everyone = await tableRows(page, 'by-nationality');
  expect(everyone.length).toBeGreaterThan(3);
  const allActive = (await tableRows(page, 'summary')).find((r) => r.key === 'active')!.cells[0];

  // Vietnamese residents with a card without chip, from March to October 2025.
  await page.getByLabel(msg('en', 'staff.dashboard.dimensions.nationality'), { exact: true }).selectOption('VN');
  await page.getByLabel(msg('en', 'staff.dashboard.dimensions.cardKind'), { exact: true }).selectOption('legacy');
  await page.getByLabel(msg('en', 'staff.dashboard.filters.from'), { exact: true }).fill('2025-03-01');
  await page.getByLabel(msg('en', 'staff.dashboard.filters.to'), { exact: true }).fill('2025-10-31');
  await page.getByRole('button', { name: msg('en', 'staff.dashboard.filters.show') }).click();
  await expect(page).toHaveURL(/nationality=VN/);
  await expect(page).toHaveURL(/cardKind=legacy/);
  await expect(page).toHaveURL(/to=2025-10-31/);

  // Every breakdown now holds only what the filters let through.
  expect((await tableRows(page, 'by-nationality')).map((r) => r.key)).toEqual(['VN']);
  expect((await tableRows(page, 'by-cardKind')).map((r) => r.key)).toEqual(['legacy']);
  const series = await tableRows(page, 'series');
  expect(series).toHaveLength(245); // 1 March to 31 October 2025
  expect(series.at(-1)!.key).toBe('2025-10-31');
  const filteredActive = (await tableRows(page, 'summary')).find((r) => r.key === 'active')!.cells[0];
  expect(filteredActive).not.toBe(allActive);
  // The filters stay chosen in the form (it works without scripts: a plain GET).
  await expect(page.getByLabel(msg('en', 'staff.dashboard.dimensions.nationality'), { exact: true })).toHaveValue('VN');

  // The CSV of a table holds the same rows and figures as the table.
  for (const id of ['by-region', 'paths']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`csv-${id}`).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^arc-mobile-${id}-2025-03-01-2025-10-31\\.csv$`));
    const csv = parseCsv(fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''));
    const rows = await tableRows(page, id);
    expect(csv[0]![0]).toBe(await page.getByTestId(`table-${id}`).locator('thead th').first().innerText());
    expect(csv.slice(1, 1 + rows.length).map((r) => r[0])).toEqual(rows.map((r) => r.label));
    for (let i = 0; i < rows.length; i++) {
      const table = rows[i]!.cells;
      const file = csv[1 + i]!.slice(1);
      // Counts: the same number, or "<10" in both.
      table.forEach((text, j) => {
        if (/^[\d,]+$/.test(text) || text.startsWith('<')) expect(file[j], `${id} ${rows[i]!.key} column ${j}`).toBe(plainCount(text));
      });
    }
  }
});

test('@dashboard small cells show "<10", and no total gives one away', async ({ page }) => {
  await signIn(page, 'analyst');
  // A narrow view: one region, one age band, one language.
  await page.goto('/en/staff/dashboard?region=jeju&ageBand=50-59&cardKind=chip');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'staff.dashboard.title'));
  await expect(page.getByText(msg('en', 'staff.dashboard.privacy').split('{')[0]!.trim())).toBeVisible();
  const summary = await tableRows(page, 'summary');
  expect(summary.find((r) => r.key === 'active')!.cells[0]).toBe('<10');
  // Screen readers hear what "<10" means.
  await expect(page.getByTestId('table-summary').locator('tbody tr[data-key="active"] td')).toContainText('fewer than 10');

  // In every table with a total, a column never has exactly one hidden cell under a shown total.
  await page.goto('/en/staff/dashboard');
  let hiddenSeen = 0;
  for (const id of ['by-nationality', 'by-region', 'by-residenceStatus', 'by-ageBand', 'by-language', 'by-campaign', 'paths', 'eligibility']) {
    const rows = await tableRows(page, id);
    const total = await page.getByTestId(`table-${id}`).locator('tfoot td').allInnerTexts();
    const columns = rows[0]?.cells.length ?? 0;
    for (let j = 0; j < columns; j++) {
      const column = rows.map((r) => r.cells[j]!);
      if (!/^[\d,<]/.test(column[0] ?? '')) continue; // rates and times: derived from shown counts only
      const hidden = column.filter((c) => c === '<10').length;
      hiddenSeen += hidden;
      if (total[j] && total[j] !== '<10') expect(hidden, `${id} column ${j}`).not.toBe(1);
    }
  }
  expect(hiddenSeen).toBeGreaterThan(0);
  // Shown counts are rounded to 5.
  for (const row of await tableRows(page, 'by-nationality')) {
    const n = Number(row.cells[0]!.replace(/,/g, ''));
    if (!Number.isNaN(n)) expect(n % 5).toBe(0);
  }
});

test('@dashboard a screen-reader pass: axe, a heading per panel, every table reached with Tab', async ({ page }) => {
  await signIn(page, 'analyst');
  await page.goto('/en/staff/dashboard?nationality=VN');
  await expectNoAxeViolations(page);
  for (const panel of ['summary', 'series', 'by-nationality', 'paths', 'funnel', 'stops', 'eligibility', 'booking-waits', 'loss-weekly']) {
    await expect(page.getByRole('heading', { level: 2, name: msg('en', `staff.dashboard.panels.${panel}`), exact: true })).toBeVisible();
  }
  // Each table is a labelled region a keyboard reaches (and can scroll).
  const regions = await page.locator('[data-testid^="region-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  expect(regions.length).toBe(16);
  for (const id of regions) {
    const region = page.getByTestId(id);
    await expect(region).toHaveAttribute('tabindex', '0');
    await expect(region).toHaveAttribute('role', 'region');
    const caption = await region.locator('caption').innerText();
    await expect(page.getByRole('region', { name: caption, exact: true })).toHaveCount(1);
  }
  // Tab from the top of the page: every table's region takes the focus on the way.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { reached: string[] }).reached = seen;
    document.addEventListener('focusin', (e) => seen.push((e.target as Element).getAttribute('data-testid') ?? ''));
  });
  await page.locator('body').focus();
  for (let i = 0; i < 120; i++) await page.keyboard.press('Tab');
  let reached = new Set<string>();
  for (let round = 0; round < 4 && reached.size < regions.length; round++) {
    reached = new Set((await page.evaluate(() => (window as unknown as { reached: string[] }).reached)).filter((id) => id.startsWith('region-')));
    if (reached.size < regions.length) for (let i = 0; i < 60; i++) await page.keyboard.press('Tab');
  }
  expect([...reached].sort()).toEqual([...regions].sort());
  // A focused table scrolls with the keyboard.
  const series = page.getByTestId('region-series');
  await series.focus();
  await page.keyboard.press('PageDown');
  await expect.poll(() => series.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
});

test('@dashboard the admin sets the target; a partner and an officer cannot open the dashboard or its CSV', async ({ page, browser }) => {
  await signIn(page, 'admin');
  await page.goto('/en/staff/dashboard');
  await page.getByLabel(msg('en', 'staff.dashboard.target.label')).fill('27.5');
  await page.getByRole('button', { name: msg('en', 'staff.dashboard.target.save') }).click();
  await expect(page.getByRole('status').filter({ hasText: msg('en', 'staff.dashboard.target.saved') })).toBeVisible();
  await expect(page.getByLabel(msg('en', 'staff.dashboard.target.label'))).toHaveValue('27.5');
  const target = (await tableRows(page, 'summary')).find((r) => r.key === 'target')!.cells[0];
  expect(target).toBe('27.5%');
  // Out of range: refused with the reason, the focus on it.
  await page.getByLabel(msg('en', 'staff.dashboard.target.label')).evaluate((input: HTMLInputElement) => {
    input.removeAttribute('max');
    input.value = '150';
  });
  await page.getByRole('button', { name: msg('en', 'staff.dashboard.target.save') }).click();
  await expect(page.getByTestId('target-error')).toContainText(msg('en', 'errors.analytics.target_invalid'));

  for (const role of ['partner', 'officer'] as const) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, role);
    await other.goto('/en/staff/dashboard');
    await expect(other.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'staff.forbidden.title'));
    const csv = await other.request.get('/api/dashboard/csv?table=summary');
    expect(csv.status()).toBe(403);
    expect((await csv.json()).error.code).toBe('staff.forbidden');
    await context.close();
  }
});

for (const locale of ['ar', 'ne'] as const) {
  test(`@dashboard in ${locale}, on a phone and on a desktop`, async ({ page }, info) => {
    await signIn(page, 'analyst', locale);
    for (const [name, size] of [
      ['phone', { width: 412, height: 915 }],
      ['desktop', { width: 1440, height: 900 }],
    ] as const) {
      // One load, then the phone turned into a desktop: the layout is the style sheet's, and the charts follow their box.
      await page.setViewportSize(size);
      if (name === 'phone') await page.goto(`/${locale}/staff/dashboard`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg(locale, 'staff.dashboard.title'));
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      // Charts draw left to right inside a right-to-left page.
      await expect(page.locator('.recharts-wrapper').first()).toBeVisible();
      expect(await page.locator('.recharts-wrapper').first().evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
      // Nothing wider than the screen but the tables' own scroll boxes.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      // axe once, on the phone: the same document at both sizes, and the phone's is the one whose tables
      // scroll (12 s a pass on this 9,000-element page).
      if (name === 'phone') await expectNoAxeViolations(page);
      await page.screenshot({ path: info.outputPath(`dashboard-${locale}-${name}.png`), fullPage: false });
    }
  });
}
