// Prerendered pages get a policy that lists the hashes of their own inline
// scripts and styles; other paths get none from here (the proxy gives a nonce).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LATE_FONT_SCRIPT, fontFaceFor } from '@/app/[locale]/_lib/font-faces';
import { fontInlineHashes, inlineHashes, staticPolicyFor } from './static-pages';

const h = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

describe('inlineHashes', () => {
  it('hashes inline scripts and styles exactly as written, not external scripts or empty ones', () => {
    const html =
      '<html><head><style>@font-face{font-family:x}</style><script src="/_next/static/chunks/a.js" async=""></script></head>' +
      '<body><script>self.__next_f.push([1,"a"])</script><script id="x">(self.__next_f=self.__next_f||[]).push([0])</script>' +
      '<script></script><script>self.__next_f.push([1,"a"])</script></body></html>';
    expect(inlineHashes(html)).toEqual({
      scripts: [h('self.__next_f.push([1,"a"])'), h('(self.__next_f=self.__next_f||[]).push([0])')],
      styles: [h('@font-face{font-family:x}')],
    });
  });
});

describe('fontInlineHashes (pages rendered per request; public/fonts from the build)', () => {
  it('vouches for exactly what the layout writes inline for the script font: Urdu its rules, its <noscript> rule and its late switch; Nepali its rules', () => {
    const ur = fontFaceFor('ur')!;
    expect(ur.preload).toBeNull();
    expect(fontInlineHashes('ur')).toEqual({ scripts: [h(LATE_FONT_SCRIPT)], styles: [h(ur.css), h(ur.noscript!)] });
    expect(fontInlineHashes('ne')).toEqual({ scripts: [], styles: [h(fontFaceFor('ne')!.css)] });
    expect(fontInlineHashes('en')).toEqual({ scripts: [], styles: [] });
  });
});

describe('staticPolicyFor', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-static-'));
  const saved = { cwd: process.cwd(), dist: process.env.NEXT_DIST_DIR };
  afterAll(() => {
    process.chdir(saved.cwd);
    if (saved.dist === undefined) delete process.env.NEXT_DIST_DIR;
    else process.env.NEXT_DIST_DIR = saved.dist;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a prerendered page's policy vouches for its own inline script and nothing else; other paths get null", () => {
    fs.mkdirSync(path.join(dir, 'build', 'server', 'app', 'ne', 'guide'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'build', 'server', 'app', 'ne', 'guide', 'help.html'), '<script>go()</script>');
    fs.writeFileSync(path.join(dir, 'secret.html'), '<script>x()</script>');
    process.chdir(dir);
    process.env.NEXT_DIST_DIR = 'build';
    const policy = staticPolicyFor('/ne/guide/help');
    expect(policy).toContain(`script-src 'self' '${h('go()')}'`);
    expect(policy).not.toContain('nonce');
    expect(policy).not.toContain("'unsafe-inline' ");
    expect(staticPolicyFor('/ne/card')).toBeNull();
    expect(staticPolicyFor('/../../secret')).toBeNull();
    expect(staticPolicyFor('/ne/guide/help.html')).toBeNull();
    expect(staticPolicyFor('/')).toBeNull();
  });
});
