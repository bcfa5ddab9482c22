#!/usr/bin/env node
// Copies the script fonts that older phones often lack from @fontsource
// packages into public/fonts/, with one small stylesheet per script. A
// locale's layout links only its own script's stylesheet (lib/i18n/locales.ts
// scriptFonts), so a Khmer reader downloads Khmer glyphs and nobody else does.
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const out = path.join(root, 'public', 'fonts');

// script name -> [fontsource package, unicode subset, family]
const scripts = {
  thai: ['noto-sans-thai', 'thai', 'Noto Sans Thai'],
  lao: ['noto-sans-lao', 'lao', 'Noto Sans Lao'],
  khmer: ['noto-sans-khmer', 'khmer', 'Noto Sans Khmer'],
  myanmar: ['noto-sans-myanmar', 'myanmar', 'Noto Sans Myanmar'],
  sinhala: ['noto-sans-sinhala', 'sinhala', 'Noto Sans Sinhala'],
  bengali: ['noto-sans-bengali', 'bengali', 'Noto Sans Bengali'],
  devanagari: ['noto-sans-devanagari', 'devanagari', 'Noto Sans Devanagari'],
  arabic: ['noto-sans-arabic', 'arabic', 'Noto Sans Arabic'],
  urdu: ['noto-nastaliq-urdu', 'arabic', 'Noto Nastaliq Urdu'],
};
const weights = [400, 700];

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
for (const [script, [pkg, subset, family]] of Object.entries(scripts)) {
  const pkgDir = path.join(root, 'node_modules', '@fontsource', pkg);
  const css = [];
  for (const weight of weights) {
    const sheet = fs.readFileSync(path.join(pkgDir, `${subset}-${weight}.css`), 'utf8');
    const range = /unicode-range:\s*([^;]+);/.exec(sheet)?.[1];
    const file = `${pkg}-${subset}-${weight}-normal.woff2`;
    fs.copyFileSync(path.join(pkgDir, 'files', file), path.join(out, file));
    css.push(
      `@font-face{font-family:'${family}';font-style:normal;font-display:swap;font-weight:${weight};` +
        `src:url(/fonts/${file}) format('woff2');${range ? `unicode-range:${range};` : ''}}`,
    );
  }
  css.push(`:root{--script-font:'${family}'}`);
  fs.writeFileSync(path.join(out, `${script}.css`), css.join('\n') + '\n');
}
console.log(`fonts: ${Object.keys(scripts).length} scripts copied to public/fonts`);
