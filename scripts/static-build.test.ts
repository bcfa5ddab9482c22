// The server refuses a build whose prerendered pages say "demo" when it is
// not the demo, or do not when it is; an origin that differs is only said.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkStaticBuild } from './static-build';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-build-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function build(name: string, html: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, 'server', 'app', 'en'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'server', 'app', 'en', 'privacy.html'), html);
  return dir;
}

const links = (origin: string) => `<link rel="alternate" hrefLang="ko" href="${origin}/ko"/><link rel="alternate" hrefLang="en" href="${origin}/en"/>`;
const demoBuild = build('demo', `<head>${links('http://localhost:3000')}</head><body><p class="b" data-testid="demo-banner">Demo</p></body>`);
const realBuild = build('real', `<head>${links('https://arc.example.kr')}</head><body><main></main></body>`);

describe('checkStaticBuild', () => {
  it('serves a build that matches: the demo with its banner, a real install without', () => {
    expect(checkStaticBuild(demoBuild, { demo: true, origin: 'http://localhost:3000' })).toEqual({ refuse: null, warn: null });
    expect(checkStaticBuild(realBuild, { demo: false, origin: 'https://arc.example.kr' })).toEqual({ refuse: null, warn: null });
  });

  it('refuses a demo whose pages do not say "demo", and a real install whose pages do, naming the fix', () => {
    expect(checkStaticBuild(realBuild, { demo: true, origin: 'https://arc.example.kr' }).refuse).toMatch(/ARC_DEMO=1 npm run build/);
    expect(checkStaticBuild(demoBuild, { demo: false, origin: 'http://localhost:3000' }).refuse).toMatch(/ARC_DEMO=0 npm run build/);
  });

  it('says (without refusing) when the language links point at another origin', () => {
    const { refuse, warn } = checkStaticBuild(demoBuild, { demo: true, origin: 'http://localhost:3100' });
    expect(refuse).toBeNull();
    expect(warn).toMatch(/http:\/\/localhost:3000.*http:\/\/localhost:3100.*ARC_ORIGINS/);
  });

  it('has nothing to check without prerendered pages', () => {
    expect(checkStaticBuild(path.join(root, 'none'), { demo: true, origin: undefined })).toEqual({ refuse: null, warn: null });
  });
});
