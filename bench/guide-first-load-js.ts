// guide_first_load_js_kb: the JavaScript a guide page makes the browser
// download on a first visit, gzip, in KB (1024 bytes) — the largest over
// every guide page (index and topics) in every locale. Goal (issue 3):
// ≤ 125 KB, within 10% of the framework's floor (React DOM and the Next
// runtime ≈ 114 KB): guide pages are server components with their
// translations resolved on the server; only read-aloud ships JS of its own.
//
// How: fetch each page of a production build, take its <script src> (not
// nomodule) and its inline scripts (the React Server Components payload);
// gzip each script file on its own, as the server sends it, and the inline
// scripts together, as they travel inside the page; sum.
//
// The server: ARC_BENCH_BASE_URL (an already running production server), or
// else this builds the app into .next-bench-guide (or reuses the build in
// ARC_BENCH_DIST_DIR) and starts it on a free port with a throw-away data dir.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { locales } from '@/lib/i18n';
import { topicSlugs } from '@/lib/guidance';
import { registerFigure } from './registry';
import { freePort, stopDetached, waitForHealth } from './server-helpers';

const GOAL_KB = 125;
const FRAMEWORK_FLOOR_KB = 114;

export type PageScripts = {
  url: string;
  external: string[];
  /** gzip, KB */
  kb: number;
  externalKb: number;
  inlineKb: number;
  /** The same scripts with Brotli, KB, to compare with figures quoted in Brotli. */
  brotliKb: number;
};

const kb = (bytes: number) => bytes / 1024;
const round = (n: number) => Number(n.toFixed(1));

/** <script> tags of a page: external sources (not nomodule) and inline bodies. */
export function scriptsOf(html: string): { external: string[]; inline: string[] } {
  const external: string[] = [];
  const inline: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    const body = match[2] ?? '';
    if (/\bnomodule\b/i.test(attributes)) continue;
    const type = /\btype=["']?([^"'\s>]+)/i.exec(attributes)?.[1];
    if (type && !/^(text\/javascript|module|application\/javascript)$/i.test(type)) continue;
    const src = /\bsrc=["']?([^"'\s>]+)/i.exec(attributes)?.[1];
    if (src) external.push(src.replace(/&amp;/g, '&'));
    else if (body.trim()) inline.push(body);
  }
  return { external: [...new Set(external)], inline };
}

type Sizes = { gzip: number; brotli: number };
const compressed = (bytes: Buffer): Sizes => ({ gzip: gzipSync(bytes).length, brotli: brotliCompressSync(bytes).length });

export async function measurePages(baseUrl: string, paths: string[], options: { skip?: RegExp } = {}): Promise<PageScripts[]> {
  const files = new Map<string, Sizes>();
  const sizeOf = async (src: string) => {
    const url = new URL(src, baseUrl).toString();
    if (!files.has(url)) {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      files.set(url, compressed(Buffer.from(await response.arrayBuffer())));
    }
    return files.get(url)!;
  };
  const pages: PageScripts[] = [];
  for (const p of paths) {
    const response = await fetch(new URL(p, baseUrl), { headers: { 'accept-encoding': 'identity' } });
    if (!response.ok) throw new Error(`${p}: HTTP ${response.status}`);
    const scripts = scriptsOf(await response.text());
    const external = scripts.external.filter((src) => !options.skip?.test(src));
    const inline = options.skip ? [] : scripts.inline;
    const out = { gzip: 0, brotli: 0 };
    for (const src of external) {
      const size = await sizeOf(src);
      out.gzip += size.gzip;
      out.brotli += size.brotli;
    }
    const inlined = inline.length ? compressed(Buffer.from(inline.join('\n'))) : { gzip: 0, brotli: 0 };
    pages.push({
      url: p,
      external,
      externalKb: round(kb(out.gzip)),
      inlineKb: round(kb(inlined.gzip)),
      kb: round(kb(out.gzip + inlined.gzip)),
      brotliKb: round(kb(out.brotli + inlined.brotli)),
    });
  }
  return pages;
}

/** A production server for the measurement, and how to stop it. */
/** `distDir`: the build the server runs (none for a given server). */
export async function startServer(): Promise<{ baseUrl: string; stop: () => Promise<void>; build: string; distDir?: string }> {
  if (process.env.ARC_BENCH_BASE_URL) return { baseUrl: process.env.ARC_BENCH_BASE_URL, stop: async () => {}, build: 'given server' };
  const root = process.cwd();
  let distDir = process.env.ARC_BENCH_DIST_DIR;
  let build = `reused ${distDir}`;
  if (!distDir || !fs.existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    distDir = '.next-bench-guide';
    const started = performance.now();
    // As npm run build: the script fonts, the build, the precompressed copies of its static files.
    const result = spawnSync('npm', ['run', 'build'], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: distDir, ARC_DEMO: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stderr?.toString().slice(-2000)}`);
    build = `built into ${distDir} in ${round((performance.now() - started) / 1000)} s`;
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-bench-guide-'));
  // The server npm start runs (scripts/server.ts).
  const child = spawn('npx', ['tsx', path.join(root, 'scripts', 'server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: distDir,
      ARC_DATA_DIR: dataDir,
      ARC_SEED_RESIDENTS: '50',
      PORT: String(port),
      DATABASE_URL: '',
    },
    stdio: 'ignore',
    detached: true,
  });
  const baseUrl = `http://localhost:${port}`;
  const stop = () => stopDetached(child, dataDir, 1000);
  try {
    await waitForHealth(baseUrl, child, 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop, build, distDir };
}

registerFigure({
  name: 'guide_first_load_js_kb',
  unit: 'KB',
  description: 'JS (gzip) a guide page downloads on first load, largest over the guide pages of all 20 locales (goal ≤ 125 KB)',
  async run() {
    const server = await startServer();
    try {
      const paths = locales.flatMap((l) => [`/${l}/guide`, ...topicSlugs.map((s) => `/${l}/guide/${s}`)]);
      const pages = await measurePages(server.baseUrl, paths);
      const largest = pages.reduce((a, b) => (b.kb > a.kb ? b : a));
      const indexes = pages.filter((p) => /\/guide$/.test(p.url));
      const largestIndex = indexes.reduce((a, b) => (b.kb > a.kb ? b : a));
      // The framework's own floor in this build: the script files of a page
      // with no client component of its own (the offline page), without the
      // service worker's registration script and without any inline payload.
      const [floor] = await measurePages(server.baseUrl, ['/en/offline'], { skip: /^\/register-sw\.js/ });
      return {
        value: largest.kb,
        goal_kb: GOAL_KB,
        framework_floor_quoted_kb: FRAMEWORK_FLOOR_KB,
        framework_floor_gzip_kb: floor!.kb,
        framework_floor_brotli_kb: floor!.brotliKb,
        over_floor_pct: round(((largest.kb - floor!.kb) / floor!.kb) * 100),
        largest_brotli_kb: largest.brotliKb,
        largest_page: largest.url,
        largest_external_kb: largest.externalKb,
        largest_inline_kb: largest.inlineKb,
        script_files: largest.external.length,
        largest_index_page: largestIndex.url,
        largest_index_kb: largestIndex.kb,
        pages: pages.length,
        smallest_kb: Math.min(...pages.map((p) => p.kb)),
        server: server.build,
      };
    } finally {
      await server.stop();
    }
  },
});
