#!/usr/bin/env node
// The script fonts that older phones often lack, from @fontsource packages,
// in two forms under public/fonts/:
//
// 1. Per locale, for the resident pages: the regular weight cut down (subset-font,
//    HarfBuzz's own subsetter, which keeps the shaping tables) to the
//    characters that locale can show — every character of its messages, its
//    digits, the month and weekday names and the country names Intl writes in
//    it, and printable ASCII — as <locale>-<weight>-<hash>.woff2, with the
//    @font-face rules in <locale>.css (local() first: the fonts Android
//    ships) and in faces.json, which the layout inlines in the page's head
//    (no render-blocking stylesheet) beside a preload of the regular weight —
//    or, where a stand-in drawn to the font's widths exists (Urdu), with the
//    font asked for only after the first paint (faces.json `preload: null`).
// 2. Per script, the whole script range (<script>.css, as before): for pages
//    that show another language's text, such as a partner's poster in Khmer
//    from an English page.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import subsetFont from 'subset-font';

const root = path.join(import.meta.dirname, '..');
// ARC_FONTS_OUT: another folder (the test writes its own).
const out = process.env.ARC_FONTS_OUT || path.join(root, 'public', 'fonts');

// script name -> [fontsource package, unicode subset, family, the names phones ship it under]
const scripts = {
  thai: ['noto-sans-thai', 'thai', 'Noto Sans Thai', ['Noto Sans Thai', 'NotoSansThai-Regular']],
  lao: ['noto-sans-lao', 'lao', 'Noto Sans Lao', ['Noto Sans Lao', 'NotoSansLao-Regular']],
  khmer: ['noto-sans-khmer', 'khmer', 'Noto Sans Khmer', ['Noto Sans Khmer', 'NotoSansKhmer-Regular']],
  myanmar: ['noto-sans-myanmar', 'myanmar', 'Noto Sans Myanmar', ['Noto Sans Myanmar', 'NotoSansMyanmar-Regular']],
  sinhala: ['noto-sans-sinhala', 'sinhala', 'Noto Sans Sinhala', ['Noto Sans Sinhala', 'NotoSansSinhala-Regular']],
  bengali: ['noto-sans-bengali', 'bengali', 'Noto Sans Bengali', ['Noto Sans Bengali', 'NotoSansBengali-Regular']],
  devanagari: ['noto-sans-devanagari', 'devanagari', 'Noto Sans Devanagari', ['Noto Sans Devanagari', 'NotoSansDevanagari-Regular']],
  arabic: ['noto-sans-arabic', 'arabic', 'Noto Sans Arabic', ['Noto Sans Arabic', 'NotoSansArabic-Regular']],
  urdu: ['noto-nastaliq-urdu', 'arabic', 'Noto Nastaliq Urdu', ['Noto Nastaliq Urdu', 'NotoNastaliqUrdu-Regular']],
};
// Faces to draw a locale's text in while its script font is still on the way
// (font-display: swap), scaled (size-adjust) so that the text takes the same
// width as in the script font: the lines break in the same places, and the page
// does not jump when the font arrives. Measured with
// scripts/measure-font-fallbacks.mjs. Only Urdu needs them: Nastaliq is much
// narrower than the Naskh-style fonts that phones without it show instead (an
// Urdu page moved by a layout shift of 0.17-0.36 when its font came 1.5 s
// late; 0.02-0.06 with these). Where a phone has no font for a script at all
// it draws empty boxes until the font comes, and no scaling helps that.
// [family a phone may have, its full and PostScript names, size-adjust %, the characters it draws]
const arabicRange = 'U+0600-06FF,U+0750-077F,U+FB50-FDFF,U+FE70-FEFF';
const fallbacks = {
  urdu: [
    ['Noto Naskh Arabic', ['Noto Naskh Arabic', 'NotoNaskhArabic-Regular'], 94.4, arabicRange], // Android 8 and older
    ['DejaVu Sans', ['DejaVu Sans', 'DejaVuSans'], 78.1, arabicRange], // Debian and Ubuntu desktops
  ],
};
// The locales that get a script font (lib/i18n/locales.ts scriptFonts; a test checks they agree).
const localeScripts = { th: 'thai', lo: 'lao', km: 'khmer', my: 'myanmar', si: 'sinhala', bn: 'bengali', ne: 'devanagari', ar: 'arabic', ur: 'urdu' };
const weights = [400, 700];
// The per-locale cuts carry the regular weight only: the page's bold text (its
// headings) is drawn by the browser from it (synthesised bold). A second
// weight was a second file before the first paint of every heading — for
// Urdu's Nastaliq 104 KB more on a slow phone, an LCP of 3 s (Lighthouse,
// slow 4G). The whole-script files (2.) keep both weights.
const localeWeights = [400];
// Region codes Intl can name: every nationality the registry may hold.
const regions = [];
for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) regions.push(String.fromCharCode(a, b));

/** Characters HarfBuzz's shapers draw as others, beyond canonical decomposition: Thai and Lao am. */
const shapedAs = { '\u0e33': '\u0e4d\u0e32', '\u0eb3': '\u0ecd\u0eb2' };

/** Every character a page in this locale may show. */
function charactersOf(locale) {
  const chars = new Set();
  const add = (text) => {
    for (const c of text) {
      chars.add(c);
      // What the shaper draws a character with, where that is other characters: its canonical
      // decomposition (Bengali ো is drawn as ে and া), and Thai's and Lao's am (ำ ຳ), which
      // HarfBuzz draws as nikhahit and aa — characters the messages may never hold themselves.
      for (const part of c.normalize('NFD')) chars.add(part);
      for (const part of shapedAs[c] ?? '') chars.add(part);
    }
  };
  const walk = (node) => {
    if (typeof node === 'string') add(node);
    else if (node && typeof node === 'object') for (const v of Object.values(node)) walk(v);
  };
  walk(JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')));
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
  add('…–—‘’“”«»·•×−→←↗✓✗№ ');
  add(new Intl.NumberFormat(locale, { useGrouping: true, maximumFractionDigits: 2 }).format(1234567890.12));
  add(new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(0.123));
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
  for (const region of regions) {
    try {
      add(names.of(region) ?? '');
    } catch {
      // not a region Intl knows
    }
  }
  for (let month = 0; month < 12; month++) {
    const day = new Date(Date.UTC(2026, month, 1 + month, 13, 5));
    for (const options of [{ dateStyle: 'full', timeStyle: 'short' }, { month: 'short' }, { weekday: 'short' }, { dayPeriod: 'long', hour: 'numeric' }]) {
      add(new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Seoul', ...options }).format(day));
    }
  }
  add(new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-3, 'minute'));
  return [...chars].join('');
}

const hash = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 10);

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

// 2. Whole script ranges, per script.
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

// 1. Per locale, cut to what the locale shows.
const faces = {};
let before = 0;
let after = 0;
for (const [locale, script] of Object.entries(localeScripts)) {
  const [pkg, subset, family, localNames] = scripts[script];
  const text = charactersOf(locale);
  const rules = [];
  const files = {};
  for (const weight of localeWeights) {
    const source = fs.readFileSync(path.join(root, 'node_modules', '@fontsource', pkg, 'files', `${pkg}-${subset}-${weight}-normal.woff2`));
    const cut = await subsetFont(source, text, { targetFormat: 'woff2' });
    before += source.length;
    after += cut.length;
    const file = `${locale}-${weight}-${hash(cut)}.woff2`;
    fs.writeFileSync(path.join(out, file), cut);
    files[weight] = `/fonts/${file}`;
    // local() names a face by its full or PostScript name: "Noto Sans Khmer" / "NotoSansKhmer-Regular", "… Bold" / "…-Bold".
    const names = weight === 400 ? localNames : [`${localNames[0]} Bold`, localNames[1].replace(/-Regular$/, '-Bold')];
    const local = names.map((n) => `local('${n}')`).join(',');
    rules.push(
      `@font-face{font-family:'${family}';font-style:normal;font-display:swap;font-weight:${weight};` +
        `src:${local},url(/fonts/${file}) format('woff2')}`,
    );
  }
  const standIns = [];
  for (const [name, localNames, sizeAdjust, range] of fallbacks[script] ?? []) {
    const fallbackFamily = `${family} fallback ${name}`;
    rules.push(
      `@font-face{font-family:'${fallbackFamily}';font-style:normal;font-weight:400;` +
        `src:${localNames.map((n) => `local('${n}')`).join(',')};size-adjust:${sizeAdjust}%;unicode-range:${range}}`,
    );
    standIns.push(`'${fallbackFamily}'`);
  }
  const stack = `:root{--script-font:${[`'${family}'`, ...standIns].join(',')}}`;
  if (standIns.length === 0) {
    // No stand-in: the font is wanted at the first paint, and fetched at once.
    rules.push(stack);
    const css = rules.join('');
    fs.writeFileSync(path.join(out, `${locale}.css`), css + '\n');
    faces[locale] = { css, preload: files[400] };
  } else {
    // A stand-in drawn to the font's widths (Urdu): the first paint uses it, and the font is
    // asked for only after that paint, when the layout's one-line script (LATE_FONT_SCRIPT in
    // app/[locale]/_lib/font-faces.ts) marks <html data-script-font>. Nastaliq is 104 KB and the
    // slowest script to lay out: fetched and shaped before the first paint, it held that paint
    // back (Lighthouse with the slow-4G and 4× CPU limits applied in the browser, /ur/eligibility:
    // largest paint 1.87 s with the font preloaded, 1.43 s with it asked for after the paint).
    // Without JavaScript, `noscript` (written inside <noscript>) asks for it at once, as before.
    rules.push(`:root{--script-font:${standIns.join(',')}}`, stack.replace(':root{', ':root[data-script-font]{'));
    const css = rules.join('');
    fs.writeFileSync(path.join(out, `${locale}.css`), rules.slice(0, -2).concat(stack).join('') + '\n');
    faces[locale] = { css, preload: null, noscript: stack };
  }
}
fs.writeFileSync(path.join(out, 'faces.json'), JSON.stringify(faces, null, 1) + '\n');
console.log(
  `fonts: ${Object.keys(scripts).length} scripts copied; ${Object.keys(faces).length} locales cut to their characters: ` +
    `${Math.round(before / 1024)} KB → ${Math.round(after / 1024)} KB`,
);
