import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';

// Journeys run against a production build served by scripts/e2e-server.sh on
// a fresh embedded database. With DATABASE_URL set (CI, a server deployment's
// checks), the journeys whose work is the database's — issuance, loss,
// booking and the video check, the staff desk, the audit chain — run against
// a second server on a fresh PostgreSQL database instead, and the rest (the
// guide, the PWA shell, presentation, outreach, the dashboard) stay on the
// embedded one: every journey runs once, each database serves a real browser,
// and vitest runs the database tests on both.
const port = Number(process.env.E2E_PORT || 3100);
export const baseURL = `http://localhost:${port}`;
const postgres = process.env.DATABASE_URL && process.env.E2E_ONE_DATABASE !== '1' ? process.env.DATABASE_URL : '';
const pgPort = port + 1;
const onPostgres = /(issuance|loss|booking|video|staff|hardening-audit)\.spec\.ts$/;

const phone = { ...devices['Pixel 7'], browserName: 'chromium' as const };
const server = (at: number, env: Record<string, string>) => ({
  command: `bash scripts/e2e-server.sh ${at}`,
  url: `http://localhost:${at}/api/health`,
  timeout: 180_000,
  reuseExistingServer: !process.env.CI,
  stdout: 'pipe' as const,
  stderr: 'pipe' as const,
  env: { ...(process.env as Record<string, string>), ...env },
});

// The search of the servers' logs and analytics for personal data runs last,
// after every other journey has left its traces (e2e/hardening-privacy.spec.ts).
// A journey tagged @alone compares whole-database row counts before and after
// its own requests, so it runs when no other journey is writing to its server:
// after the others, before that last search.
const afterAll = /hardening-privacy\.spec\.ts$/;
const alone = /@alone\b/;
const projects: PlaywrightTestConfig['projects'] = postgres
  ? [
      { name: 'phone', use: { ...phone, baseURL }, testIgnore: [onPostgres, afterAll], grepInvert: alone },
      { name: 'phone-postgres', use: { ...phone, baseURL: `http://localhost:${pgPort}` }, testMatch: onPostgres, grepInvert: alone },
      { name: 'alone', use: { ...phone, baseURL }, testIgnore: afterAll, grep: alone, dependencies: ['phone', 'phone-postgres'] },
      { name: 'last', use: { ...phone, baseURL }, testMatch: afterAll, dependencies: ['alone'] },
    ]
  : [
      { name: 'phone', use: { ...phone, baseURL }, testIgnore: afterAll, grepInvert: alone },
      { name: 'alone', use: { ...phone, baseURL }, testIgnore: afterAll, grep: alone, dependencies: ['phone'] },
      { name: 'last', use: { ...phone, baseURL }, testMatch: afterAll, dependencies: ['alone'] },
    ];
const webServer = postgres
  ? [server(port, { DATABASE_URL: '' }), server(pgPort, { DATABASE_URL: postgres })]
  : [server(port, {})];

// Every browser and request context a journey makes comes from an address of
// its own, as phones on their own networks do: the server's per-client abuse
// limits (README "Limits") count per address, and the whole suite from one
// 127.0.0.1 would fill them. A header the server trusts as it trusts a
// reverse proxy's (lib/limits/client.ts); journeys that test a limit set
// their own. The getter is read each time a context is made. Addresses from
// 100.64.0.0/10 (shared address space), numbered per worker process.
let contextSeq = 0;
const ownAddress = {
  get 'x-forwarded-for'() {
    contextSeq += 1;
    return `100.${64 + (process.pid % 64)}.${(contextSeq >> 8) & 255}.${contextSeq & 255}`;
  },
};

export default defineConfig({
  testDir: './e2e',
  // A run clears its output folder first: runs side by side (another E2E_PORT) keep their own.
  outputDir: port === 3100 ? 'test-results' : `test-results-${port}`,
  // A journey is a whole flow (an enrollment, two phones, a verifier): with two servers and two browsers on
  // 2 cores, long ones went past a minute in full runs while taking 20-40 s alone. Assertions keep 10 s.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two workers on the 2-core machine: the journeys wait on the server and
  // the browser in turns, so two at a time finish in about two thirds of the time.
  workers: Number(process.env.E2E_WORKERS || 2),
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    extraHTTPHeaders: ownAddress,
    // A failed journey keeps a screenshot of its page. Traces (E2E_TRACE=1 for a run that keeps them for
    // failures) snapshot the DOM at every step: a quarter of the journeys' time on this 2-core machine
    // (the guide's axe sweep: 2.0 min without, 2.7 min with, 2.7 min with DOM snapshots alone).
    screenshot: 'only-on-failure',
    trace: process.env.E2E_TRACE === '1' ? 'retain-on-failure' : 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects,
  webServer,
});
