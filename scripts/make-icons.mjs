#!/usr/bin/env node
// Renders the app icons from public/icons/icon.svg with Debian's Chromium.
// Run by hand after changing the SVG (`node scripts/make-icons.mjs`) and
// commit the PNGs: the build never regenerates them.
//
//   icon-192.png, icon-512.png     purpose "any": the rounded tile, transparent corners
//   maskable-192.png, -512.png     purpose "maskable": full-bleed tile, the mark shrunk
//                                  into the central safe circle (radius 40% of the size)
//   apple-touch-icon.png (180)     iOS draws its own rounded corners: full-bleed, opaque
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.join(import.meta.dirname, '..', 'public', 'icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');

const mark = /<g id="mark">[\s\S]*<\/g>\s*(?=<\/svg>)/.exec(svg)?.[0];
const tileFill = /<rect id="tile"[^>]*fill="([^"]+)"/.exec(svg)?.[1];
if (!mark || !tileFill) throw new Error('icon.svg must hold <rect id="tile" fill=…> and <g id="mark">…</g>');

// The mark reaches 216 px from the centre (the phone's corners); the maskable
// safe zone is a circle of radius 204.8 px in a 512 px icon. 0.86 leaves a margin.
function fullBleed(scale) {
  const offset = 256 * (1 - scale);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">` +
    `<rect width="512" height="512" fill="${tileFill}"/>` +
    `<g transform="translate(${offset} ${offset}) scale(${scale})">${mark}</g></svg>`
  );
}

const outputs = [
  { file: 'icon-192.png', size: 192, svg, transparent: true },
  { file: 'icon-512.png', size: 512, svg, transparent: true },
  { file: 'maskable-192.png', size: 192, svg: fullBleed(0.86) },
  { file: 'maskable-512.png', size: 512, svg: fullBleed(0.86) },
  { file: 'apple-touch-icon.png', size: 180, svg: fullBleed(0.9) },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { file, size, svg: source, transparent } of outputs) {
    await page.setViewportSize({ width: size, height: size });
    const sized = source.replace(/<svg([^>]*?)(?:\swidth="\d+"\sheight="\d+")?>/, `<svg$1 width="${size}" height="${size}">`);
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    await page.locator('svg').first().screenshot({ path: path.join(dir, file), omitBackground: Boolean(transparent) });
    console.log(`icons: ${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
