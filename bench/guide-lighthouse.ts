// Lighthouse (mobile settings: emulated phone, simulated slow 4G and CPU
// slowdown — Lighthouse's defaults) on the home and guide pages, with
// Debian's Chromium. Not a bench figure: the scores go in the note.
//   npx tsx bench/guide-lighthouse.ts [/en /en/guide/with-chip-card …]
// Server: as bench/guide-first-load-js.ts (ARC_BENCH_BASE_URL, or a fresh
// production build on a free port). Prints one JSON line per page.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startServer } from './guide-first-load-js';

const pages = process.argv.slice(2).length ? process.argv.slice(2) : ['/en', '/en/guide', '/en/guide/with-chip-card', '/ar/guide', '/en/eligibility'];
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

const server = await startServer();
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  for (const page of pages) {
    const url = new URL(page, server.baseUrl).toString();
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    if (!result) throw new Error(`no Lighthouse result for ${url}`);
    const { categories, audits } = result.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const failing = Object.values(audits)
      .filter((a) => a.score !== null && a.score < 0.9 && !['informative', 'notApplicable', 'manual'].includes(a.scoreDisplayMode))
      .map((a) => a.id);
    process.stdout.write(
      JSON.stringify({
        name: 'lighthouse_mobile',
        page,
        performance: score('performance'),
        accessibility: score('accessibility'),
        best_practices: score('best-practices'),
        seo: score('seo'),
        fcp: audits['first-contentful-paint']?.displayValue,
        lcp: audits['largest-contentful-paint']?.displayValue,
        tbt: audits['total-blocking-time']?.displayValue,
        cls: audits['cumulative-layout-shift']?.displayValue,
        below_90: failing,
        lighthouse: result.lhr.lighthouseVersion,
        form_factor: result.lhr.configSettings.formFactor,
        throttling: result.lhr.configSettings.throttlingMethod,
      }) + '\n',
    );
  }
} finally {
  chrome.kill();
  await server.stop();
}
