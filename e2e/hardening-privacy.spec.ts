// No personal data in the server's log or in analytics (issue 13 point 6).
// Runs after every other journey (its project depends on theirs in
// playwright.config.ts): by then the journeys have typed registration
// numbers, names, dates and phone numbers into every form, failed on
// purpose, reported losses, booked, called and shown cards. This searches
// what they left behind for the seeded residents' names, registration
// numbers and phone numbers, in any of the ways they are written:
// - each server's whole log (scripts/e2e-server.sh keeps a copy);
// - the analytics an analyst sees and downloads (every dashboard table as CSV);
// - on PostgreSQL, the analytics table itself and every audit entry's detail.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { TABLE_IDS } from '../lib/analytics';
import { DEMO_RESIDENTS, generateResidents } from '../lib/population';
import { msg } from './support';

const population = [...DEMO_RESIDENTS, ...generateResidents({ seed: 'arc-mobile', asOf: '2026-11-01' }, 2000)];

/** Registration numbers and phone numbers as digit strings; names as upper-case word sequences. */
const numbers = new Map<string, string>();
const names = new Map<string, string>();
for (const r of population) {
  numbers.set(r.registrationNumber.replace(/\D/g, ''), `registration number of ${r.name}`);
  const phone = r.phone.replace(/\D/g, '');
  numbers.set(phone, `phone number of ${r.name}`);
  numbers.set(`82${phone.replace(/^0/, '')}`, `phone number (+82) of ${r.name}`);
  names.set(r.name.toUpperCase(), 'name');
}

/** Every seeded resident's personal datum found in the text, with where. */
function findPersonalData(text: string, where: string): string[] {
  const found: string[] = [];
  // Digits, however grouped (dashes, spaces, dots between them).
  for (const run of text.match(/\d[\d\s.\-]{5,}\d/g) ?? []) {
    const digits = run.replace(/\D/g, '');
    for (const [value, what] of numbers) if (digits.includes(value)) found.push(`${where}: ${what} (${run.trim()})`);
  }
  // Names: any run of two or more words, compared without case.
  const upper = text.toUpperCase();
  for (const [name] of names) if (upper.includes(name)) found.push(`${where}: a resident's name (${name})`);
  return found;
}

function serverPorts(): number[] {
  const base = Number(process.env.E2E_PORT || 3100);
  const split = process.env.DATABASE_URL && process.env.E2E_ONE_DATABASE !== '1';
  return split ? [base, base + 1] : [base];
}

test.describe('@hardening', () => {
  test('@hardening after every journey, no name, registration number or phone number in the servers’ logs or in analytics', async ({ browser }) => {
    test.setTimeout(180_000);
    // The search finds what it looks for, however it is written.
    expect(findPersonalData('registration 960412-6900001, phone 010 2025 0101, +82-10-2025-0101; Nguyen Thi Lan', 'probe')).toHaveLength(4);
    const problems: string[] = [];
    for (const port of serverPorts()) {
      const baseURL = `http://localhost:${port}`;
      const logFile = `/tmp/arc-e2e-${port}.log`;
      expect(fs.existsSync(logFile), `the server on ${port} keeps its log in ${logFile}`).toBe(true);
      const log = fs.readFileSync(logFile, 'utf8');
      expect(log).toContain('ARC Mobile ready');
      problems.push(...findPersonalData(log, `log of :${port}`));

      // What an analyst sees: every dashboard table, as its CSV, over the whole history.
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      await page.goto('/en/staff/demo');
      await page.getByRole('button', { name: msg('en', 'staff.demo.signInAs.analyst') }).click();
      await expect(page).toHaveURL(/\/en\/staff$/);
      for (const table of TABLE_IDS) {
        const csv = await context.request.get(`/api/dashboard/csv?table=${table}&from=2025-01-01&to=2026-12-31&locale=en`);
        expect(csv.status(), `${table} on :${port}`).toBe(200);
        problems.push(...findPersonalData(await csv.text(), `dashboard ${table} on :${port}`));
      }
      await context.close();

      const env = fs.existsSync(`/tmp/arc-e2e-${port}.env`) ? fs.readFileSync(`/tmp/arc-e2e-${port}.env`, 'utf8') : '';
      const url = /^DATABASE_URL=(.+)$/m.exec(env)?.[1];
      if (url) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const funnel = await client.query('select * from funnel_daily');
          problems.push(...findPersonalData(JSON.stringify(funnel.rows), `funnel_daily on :${port}`));
          const audit = await client.query('select action, subject_kind, subject_id, detail from audit_events');
          expect(audit.rows.length).toBeGreaterThan(10);
          problems.push(...findPersonalData(JSON.stringify(audit.rows), `audit entries on :${port}`));
        } finally {
          await client.end();
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
