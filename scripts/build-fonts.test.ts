// The per-locale font cuts (scripts/build-fonts.mjs): every character of a
// locale's messages that its script font draws is still in the cut, in both
// weights; the cut is smaller than the whole; the locales agree with
// lib/i18n's scriptFonts; the page rules name local() first and a preload;
// and every message, shaped with the cut, has every glyph the whole font has.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptFonts, type Locale } from '@/lib/i18n';

const root = path.resolve(import.meta.dirname, '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-fonts-'));
type Faces = Record<string, { css: string; preload: string | null; noscript?: string }>;
let faces: Faces;

type HbBuffer = { addText(text: string): void; guessSegmentProperties(): void; getGlyphInfos(): { codepoint: number }[] };
type Hb = {
  Blob: new (data: Uint8Array) => unknown;
  Face: new (blob: unknown) => { collectUnicodes(): Uint32Array };
  Font: new (face: unknown) => unknown;
  Buffer: new () => HbBuffer;
  shape(font: unknown, buffer: HbBuffer): void;
};
let hb: Hb;
let toTruetype: (woff2: Buffer) => Promise<Buffer>;

async function unicodesOf(file: string): Promise<Set<number>> {
  const ttf = await toTruetype(fs.readFileSync(file));
  return new Set(new hb.Face(new hb.Blob(new Uint8Array(ttf))).collectUnicodes());
}

/** A shaper for a font file: how many glyphs of a text it has no drawing for (glyph 0, .notdef). */
async function shaperOf(file: string): Promise<(text: string) => number> {
  const ttf = await toTruetype(fs.readFileSync(file));
  const font = new hb.Font(new hb.Face(new hb.Blob(new Uint8Array(ttf))));
  return (text) => {
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(font, buffer);
    return buffer.getGlyphInfos().filter((g) => g.codepoint === 0).length;
  };
}

function messageStrings(locale: string): string[] {
  const strings: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') strings.push(node);
    else if (node && typeof node === 'object') for (const v of Object.values(node)) walk(v);
  };
  walk(JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')));
  return strings;
}

function messageCodePoints(locale: string): Set<number> {
  const points = new Set<number>();
  const walk = (node: unknown): void => {
    if (typeof node === 'string') for (const c of node) points.add(c.codePointAt(0)!);
    else if (node && typeof node === 'object') for (const v of Object.values(node)) walk(v);
  };
  walk(JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')));
  return points;
}

beforeAll(async () => {
  // The build makes them in public/fonts (npm run build); this run makes its own.
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-fonts.mjs')], { cwd: root, stdio: 'pipe', env: { ...process.env, ARC_FONTS_OUT: out } });
  faces = JSON.parse(fs.readFileSync(path.join(out, 'faces.json'), 'utf8')) as Faces;
  hb = (await import('harfbuzzjs')) as unknown as Hb;
  const fontverter = await import('fontverter');
  toTruetype = (woff2) => fontverter.convert(woff2, 'truetype');
}, 120_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('script fonts cut per locale', () => {
  it('the locales with a cut are exactly the locales with a script font', () => {
    expect(Object.keys(faces).sort()).toEqual(Object.keys(scriptFonts).sort());
  });

  for (const locale of Object.keys(scriptFonts) as Locale[]) {
    it(`${locale}: its one weight (regular) keeps every character of its messages the font draws, and is smaller than the whole`, async () => {
      const face = faces[locale]!;
      const files = [...face.css.matchAll(/url\(\/fonts\/([^)]+)\)/g)].map((m) => path.join(out, m[1]!));
      expect(files).toHaveLength(1);
      // Preloaded, except Urdu's, which is asked for after the first paint (below).
      if (locale === 'ur') expect(face.preload).toBeNull();
      else expect(path.join(out, face.preload!.replace(/^\/fonts\//, ''))).toBe(files[0]);
      expect(face.css).toMatch(/src:local\('[^']+'\),local\('[^']+'\),url\(/);
      const wanted = messageCodePoints(locale);
      for (const [i, file] of files.entries()) {
        const weight = i === 0 ? 400 : 700;
        const whole = path.join(out, `${wholeFileOf[scriptFonts[locale]!]}-${weight}-normal.woff2`);
        const cut = await unicodesOf(file);
        const full = await unicodesOf(whole);
        const missing = [...wanted].filter((p) => full.has(p) && !cut.has(p)).map((p) => String.fromCodePoint(p));
        expect(missing, `${locale} ${weight}`).toEqual([]);
        expect(fs.statSync(file).size).toBeLessThan(fs.statSync(whole).size);
        // Shaping may ask for characters the text does not hold: Thai's sara am (ำ) is drawn as
        // nikhahit and sara aa, Bengali's ো as ে and া. Every message, shaped with the cut,
        // finds every glyph the whole font finds.
        const [shapeCut, shapeWhole] = [await shaperOf(file), await shaperOf(whole)];
        const blank = messageStrings(locale).filter((text) => shapeCut(text) > shapeWhole(text));
        expect(blank.slice(0, 3), `${locale} ${weight}: ${blank.length} messages with a glyph missing from the cut`).toEqual([]);
      }
    });
  }

  it('Urdu: while Nastaliq is on the way, its text is drawn in Naskh-style faces a phone may have, scaled to Nastaliq\'s widths (Arabic script only)', () => {
    const css = faces.ur!.css;
    const fallbackFaces = [...css.matchAll(/@font-face\{font-family:'(Noto Nastaliq Urdu fallback [^']+)';[^}]*src:(local\([^}]*?);size-adjust:([\d.]+)%;unicode-range:([^}]+)\}/g)];
    expect(fallbackFaces.map((m) => m[1])).toEqual(['Noto Nastaliq Urdu fallback Noto Naskh Arabic', 'Noto Nastaliq Urdu fallback DejaVu Sans']);
    for (const m of fallbackFaces) {
      expect(m[2]).not.toContain('url(');
      expect(Number(m[3])).toBeGreaterThan(50);
      expect(Number(m[3])).toBeLessThan(100);
      expect(m[4]).toContain('U+0600-06FF');
    }
    // The first paint is drawn by the stand-ins alone; Nastaliq joins the stack once the layout's
    // switch marks <html data-script-font> after that paint, or at once without scripts (<noscript>).
    const full = "'Noto Nastaliq Urdu','Noto Nastaliq Urdu fallback Noto Naskh Arabic','Noto Nastaliq Urdu fallback DejaVu Sans'";
    expect(css).toContain(":root{--script-font:'Noto Nastaliq Urdu fallback Noto Naskh Arabic','Noto Nastaliq Urdu fallback DejaVu Sans'}");
    expect(css).toContain(`:root[data-script-font]{--script-font:${full}}`);
    expect(faces.ur!.noscript).toBe(`:root{--script-font:${full}}`);
    expect(faces.ne!.noscript).toBeUndefined();
    // The other scripts have no scaled fallback: their stack is their font alone.
    expect(faces.ne!.css).toContain(":root{--script-font:'Noto Sans Devanagari'}");
  });
});

/** The whole-range @fontsource file a script's cut is made from. */
const wholeFileOf: Record<string, string> = {
  thai: 'noto-sans-thai-thai',
  lao: 'noto-sans-lao-lao',
  khmer: 'noto-sans-khmer-khmer',
  myanmar: 'noto-sans-myanmar-myanmar',
  sinhala: 'noto-sans-sinhala-sinhala',
  bengali: 'noto-sans-bengali-bengali',
  devanagari: 'noto-sans-devanagari-devanagari',
  arabic: 'noto-sans-arabic-arabic',
  urdu: 'noto-nastaliq-urdu-arabic',
};
