#!/usr/bin/env node
// How much to scale a fallback font so that a locale's text takes the same
// width in it as in the locale's script font: the size-adjust of the fallback
// faces in scripts/build-fonts.mjs (`fallbacks`). While the script font is
// still downloading (font-display: swap) the page shows the fallback; with the
// same widths the lines break in the same places and nothing moves when the
// font arrives.
//
//   node scripts/measure-font-fallbacks.mjs ur 'local:DejaVu Sans' /path/NotoNaskhArabic-Regular.woff2
//
// Measures every message of the locale, the characters of the script's own
// range only (Latin and digits are drawn by other faces), at 17 px in
// Debian's Chromium with HarfBuzz shaping, and prints size-adjust per fallback.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';

const root = path.join(import.meta.dirname, '..');
const ranges = { ur: /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF\s]/u };
const [locale, ...fallbacks] = process.argv.slice(2);
if (!ranges[locale] || fallbacks.length === 0) {
  console.error(`usage: measure-font-fallbacks.mjs <${Object.keys(ranges).join('|')}> 'local:<family>' | <font file> …`);
  process.exit(2);
}
const texts = [];
(function walk(node) {
  if (typeof node === 'string') texts.push([...node.replace(/\{[^}]*\}/g, '')].filter((c) => ranges[locale].test(c)).join(''));
  else for (const v of Object.values(node)) walk(v);
})(JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')));
const faces = JSON.parse(fs.readFileSync(path.join(root, 'public', 'fonts', 'faces.json'), 'utf8'));
// The locale's cut: the file its rules name (a late font has no preload).
const cutFile = /url\((\/fonts\/[^)]+)\)/.exec(faces[locale].css)[1];
const primary = fs.readFileSync(path.join(root, 'public', cutFile)).toString('base64');
const src = (f) => (f.startsWith('local:') ? `local('${f.slice(6)}')` : `url(data:font/woff2;base64,${fs.readFileSync(f).toString('base64')})`);
const css = [`@font-face{font-family:F0;src:url(data:font/woff2;base64,${primary})}`, ...fallbacks.map((f, i) => `@font-face{font-family:F${i + 1};src:${src(f)}}`)];

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.setContent(`<style>${css.join('')}</style>`);
  const widths = await page.evaluate(
    async ({ texts, n }) => {
      const families = Array.from({ length: n }, (_, i) => `F${i}`);
      await Promise.all(families.map((f) => document.fonts.load(`17px ${f}`, texts.join('').slice(0, 200)).catch(() => [])));
      const missing = families.filter((f) => !document.fonts.check(`17px ${f}`, texts.join('').slice(0, 200)));
      const ctx = document.createElement('canvas').getContext('2d');
      return families.map((f) => {
        ctx.font = `17px ${f}, monospace`;
        return missing.includes(f) ? null : texts.reduce((sum, t) => sum + ctx.measureText(t).width, 0);
      });
    },
    { texts, n: fallbacks.length + 1 },
  );
  const [base, ...rest] = widths;
  for (const [i, f] of fallbacks.entries()) {
    console.log(rest[i] ? `${f}: size-adjust ${((base / rest[i]) * 100).toFixed(1)}%` : `${f}: not available on this machine`);
  }
} finally {
  await browser.close();
}
