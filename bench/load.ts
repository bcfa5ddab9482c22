// load_direct and load_nginx (issue 13 point 9): autocannon, 200
// connections for 30 s per target (ARC_BENCH_LOAD_SECONDS shortens it,
// ARC_BENCH_LOAD_CONNECTIONS changes the count), against four targets of
// the production server (scripts/server.ts, what npm start runs):
//   verify     POST /api/presentations/verify, valid tokens (the server's
//              signing key is the bench's, so it signs them);
//   guide      GET /ne/guide/with-legacy-card;
//   loss       POST /api/loss, nine in ten with details that fail the form
//              check (400), one in ten well formed but matching no card (200,
//              a report kept as unmatched): nothing is locked. Each request
//              from its own client address (X-Forwarded-For) when the bench
//              talks to the app; through nginx every request comes from
//              127.0.0.1 (nginx overwrites the header), so the per-client
//              limit (20 reports an hour) answers 429 after the first 20;
//   dashboard  GET /api/dashboard/csv?table=summary, the analyst dashboard's
//              data, with an analyst session from the demo sign-in.
// Each target gets a 2 s warm-up at 20 connections first, and the next one
// starts only once the server answers its health check quickly again (what
// a target left queued is reported as queue_drained_after_s).
// ARC_BENCH_LOAD_TARGETS=verify,loss runs some of them; ARC_BENCH_CPU_PROFILE=<dir>
// writes each server's CPU profile there when it stops.
// One line per target: value = requests answered per second, with p50/p99
// latency (ms), errors (connection errors and timeouts), 5xx, 429 (a refusal
// the app means, counted apart, not an error) and every status's count. The
// goal is zero errors and zero 5xx.
//
// load_direct: one server on an embedded data dir (PGlite, one process).
// load_nginx: nginx (Debian's package; the bench starts its own on a free
// port with deploy/nginx.conf, the ports rewritten) in front of two app
// instances on one PostgreSQL database (ARC_BENCH_PG, else DATABASE_URL: a
// server where it may create a throw-away database). Before the load, a
// passkey ceremony that starts on one instance and ends on the other: the
// chip path's identify on instance 1, the SMS code, chip and passkey on
// instance 2, and the card unlocked on instance 1 (the enrollment cookie
// and the challenges live in the database); reported as ceremony_across_instances.
//
// Addresses are 127.0.0.1, not localhost: on this machine "localhost" has no
// IPv6 line in /etc/hosts, so each new connection's lookup asked the network's
// resolver for its AAAA record and waited 10 s for no answer. Those were the
// load runs' "timeouts" (the server had answered every request it was sent
// within 3 s; a run from 127.0.0.1 has none).
//
// The build: ARC_BENCH_DIST_DIR, else a fresh build into .next-bench-load.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '@/lib/clock';
import { checkEligibility } from '@/lib/eligibility';
import { TestPhone } from '@/lib/enrollment/testing';
import { DEFAULT_AS_OF, DEFAULT_SEED, generateResidents } from '@/lib/population';
import { parseSigningKey, signPresentationToken, type SigningKey } from '@/lib/presentation';
import { LIST_SIZE } from '@/lib/status';
import { registerFigure, type FigureResult } from './registry';
import { freePort, nginxConfig, throwAwayDatabase, waitForHealth } from './server-helpers';

const SECONDS = Number(process.env.ARC_BENCH_LOAD_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.ARC_BENCH_LOAD_CONNECTIONS ?? 200);
const SEED_RESIDENTS = 200;
const round = (n: number, d = 1) => Number(n.toFixed(d));

function buildDir(root: string): { distDir: string; build: string } {
  const given = process.env.ARC_BENCH_DIST_DIR;
  if (given && fs.existsSync(path.join(root, given, 'BUILD_ID'))) return { distDir: given, build: `reused ${given}` };
  const distDir = '.next-bench-load';
  const started = performance.now();
  const result = spawnSync('npx', ['next', 'build'], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: distDir, ARC_DEMO: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stderr?.toString().slice(-2000)}`);
  return { distDir, build: `built into ${distDir} in ${round((performance.now() - started) / 1000)} s` };
}

type Instance = { base: string; child: ChildProcess; log: string[] };

function startServer(root: string, distDir: string, port: number, env: Record<string, string>): Instance {
  // ARC_BENCH_CPU_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.ARC_BENCH_CPU_PROFILE;
  const [command, args] = profile
    ? [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`, '--import', 'tsx', path.join(root, 'scripts', 'server.ts')]]
    : [path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'server.ts')]];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: distDir, PORT: String(port), ARC_DEMO: '1', ARC_SEED_RESIDENTS: String(SEED_RESIDENTS), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log: string[] = [];
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  return { base: `http://127.0.0.1:${port}`, child, log };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // gone
  }
}

/** A browser over fetch: one cookie jar. */
class Browser {
  private cookies = new Map<string, string>();
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return response;
  }
  async post(url: string, body: unknown): Promise<Record<string, unknown>> {
    const response = await this.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${new URL(url).pathname}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  }
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** An analyst's session cookie, from the demo sign-in's form (a server action posted as the page's form would). */
async function analystCookie(base: string): Promise<string> {
  const browser = new Browser();
  const html = await (await browser.request(`${base}/en/staff/demo`)).text();
  const form = html.split('<form').find((f) => /name="role" value="analyst"/.test(f));
  if (!form) throw new Error('no analyst form on the demo sign-in page');
  const data = new FormData();
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(tag)?.[1];
    if (name) data.append(name.replace(/&amp;/g, '&'), (/\svalue="([^"]*)"/.exec(tag)?.[1] ?? '').replace(/&amp;/g, '&'));
  }
  const answer = await browser.request(`${base}/en/staff/demo`, { method: 'POST', body: data, headers: { origin: base } });
  if (answer.status >= 400) throw new Error(`demo sign-in: ${answer.status}`);
  const check = await browser.request(`${base}/api/dashboard/csv?table=summary&locale=en`);
  if (check.status !== 200) throw new Error(`the analyst session does not read the dashboard data: ${check.status}`);
  return browser.cookieHeader();
}

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '5xx': number;
  statusCodeStats: Record<string, { count: number }>;
};

async function autocannon(options: Record<string, unknown>): Promise<AutocannonResult> {
  // @ts-expect-error: autocannon ships no types
  const { default: run } = (await import('autocannon')) as { default: (o: Record<string, unknown>) => Promise<AutocannonResult> };
  return run({ connections: CONNECTIONS, duration: SECONDS, timeout: 30, ...options });
}

type Target = { name: string; options: () => Record<string, unknown> };

function targets(base: string, tokens: string[], cookie: string, spreadClients: boolean): Target[] {
  let n = 0;
  const client = () => `100.64.${(n >> 8) & 255}.${n & 255}`;
  return [
    {
      name: 'verify',
      options: () => {
        let i = 0;
        return {
          url: `${base}/api/presentations/verify`,
          requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (r: Record<string, unknown>) => ({ ...r, body: JSON.stringify({ token: tokens[i++ % tokens.length] }) }) }],
        };
      },
    },
    { name: 'guide', options: () => ({ url: `${base}/ne/guide/with-legacy-card` }) },
    {
      name: 'loss',
      options: () => ({
        url: `${base}/api/loss`,
        requests: [
          {
            method: 'POST',
            setupRequest: (r: Record<string, unknown>) => {
              n++;
              const wellFormed = n % 10 === 0;
              const body = wellFormed
                ? { locale: 'en', registrationNumber: `900101-5${String(100000 + (n % 800000)).slice(-6)}`, cardSerial: `IC8${String(n).padStart(8, '0').slice(-8)}`, birthDate: '1990-01-01' }
                : { locale: 'en', registrationNumber: 'not a number', cardSerial: 'x', birthDate: 'someday' };
              const headers: Record<string, string> = { 'content-type': 'application/json' };
              if (spreadClients) headers['x-forwarded-for'] = client();
              return { ...r, headers, body: JSON.stringify(body) };
            },
          },
        ],
      }),
    },
    { name: 'dashboard', options: () => ({ url: `${base}/api/dashboard/csv?table=summary&locale=en`, headers: { cookie } }) },
  ];
}

/** Waits until the server answers its health check quickly again: requests queued by the last target are done. */
async function drain(base: string): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 120_000) {
    const t = performance.now();
    await fetch(`${base}/api/health`).catch(() => null);
    if (performance.now() - t < 100) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return round((performance.now() - started) / 1000);
}

/** The error lines the servers logged since `from` (their JSON lines' where/code), counted. */
function loggedErrors(instances: Instance[], from: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  instances.forEach((instance, k) => {
    for (const line of instance.log.slice(from[k]).join('').split('\n')) {
      if (!line.includes('"level":"error"')) continue;
      try {
        const { where, code, cause } = JSON.parse(line) as { where?: string; code?: string; cause?: string };
        const key = `${where ?? '?'} ${code ?? '?'}${cause ? ` (${cause})` : ''}`;
        counts[key] = (counts[key] ?? 0) + 1;
      } catch {
        counts[line.slice(0, 120)] = (counts[line.slice(0, 120)] ?? 0) + 1;
      }
    }
  });
  return counts;
}

async function load(base: string, tokens: string[], cookie: string, via: 'direct' | 'nginx', instances: Instance[], context: Record<string, unknown>): Promise<FigureResult[]> {
  const lines: FigureResult[] = [];
  const only = process.env.ARC_BENCH_LOAD_TARGETS?.split(',');
  for (const target of targets(base, tokens, cookie, via === 'direct').filter((t) => !only || only.includes(t.name))) {
    await drain(base);
    await autocannon({ ...target.options(), duration: 2, connections: Math.min(CONNECTIONS, 20) }); // warm-up
    const load1 = round(os.loadavg()[0]!, 2);
    const logFrom = instances.map((i) => i.log.length);
    const r = await autocannon(target.options());
    const drained_s = await drain(base);
    const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
    lines.push({
      value: round(r.requests.average),
      unit: 'req/s',
      target: target.name,
      via,
      latency_p50_ms: r.latency.p50,
      latency_p99_ms: r.latency.p99,
      requests: r.requests.total,
      errors: r.errors,
      timeouts: r.timeouts,
      status_5xx: r['5xx'],
      status_429: statuses['429'] ?? 0,
      statuses,
      goal: '0 errors, 0 5xx',
      connections: CONNECTIONS,
      duration_s: SECONDS,
      load1_before: load1,
      queue_drained_after_s: drained_s,
      server_logged_errors: loggedErrors(instances, logFrom),
      ...context,
    });
  }
  return lines;
}

async function keysAndTokens(base: string, count = 300): Promise<{ privateJwk: string; tokens: (origin: string) => Promise<string[]> }> {
  void base;
  const privateJwk = JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }));
  const key: SigningKey = await parseSigningKey(privateJwk);
  return {
    privateJwk,
    tokens: async (origin) => {
      const holder = { name: 'NGUYEN THI LAN', nationality: 'VN', residenceStatus: 'E-9', birthDate: '1996-04-12', registrationNumber: '960412-6900001', validUntil: '2030-06-30' };
      const out: string[] = [];
      for (let i = 0; i < count; i++) out.push((await signPresentationToken({ origin, key }, systemClock, { holder, statusIndex: Math.floor(Math.random() * LIST_SIZE), profile: 'full' })).token);
      return out;
    },
  };
}

async function checkTokens(base: string, tokens: string[]): Promise<void> {
  const answer = (await (await fetch(`${base}/api/presentations/verify`, { method: 'POST', body: JSON.stringify({ token: tokens[0] }) })).json()) as { valid: boolean; reason?: string };
  if (!answer.valid) throw new Error(`the server refuses the bench's token: ${answer.reason}`);
}

registerFigure({
  name: 'load_direct',
  unit: 'req/s',
  description: `autocannon, ${CONNECTIONS} connections × ${SECONDS} s per target (verify, guide page, loss report, dashboard data) on one server (PGlite): req/s, p50/p99, errors, 5xx, 429 (goal: 0 errors, 0 5xx)`,
  async run() {
    const root = process.cwd();
    const { distDir, build } = buildDir(root);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-bench-load-'));
    const { privateJwk, tokens: makeTokens } = await keysAndTokens(base);
    const server = startServer(root, distDir, port, { DATABASE_URL: '', ARC_DATA_DIR: dataDir, ARC_SIGNING_KEY: privateJwk, ARC_ORIGINS: base });
    try {
      await waitForHealth(base, server.child, 180_000);
      const tokens = await makeTokens(base);
      await checkTokens(base, tokens);
      const cookie = await analystCookie(base);
      return await load(base, tokens, cookie, 'direct', [server], { database: 'pglite', app_processes: 1, server: build });
    } finally {
      await stopProcess(server.child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

/** The chip path with identify on `first` and the rest on `second`; then the card unlocked on `first`. */
async function ceremonyAcrossInstances(first: string, second: string): Promise<{ steps: string[] }> {
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  const r = generateResidents({ seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF }, SEED_RESIDENTS).find(
    (x) => x.card.kind === 'chip' && checkEligibility(x, { ...x.card, replacedAt: null }, today).eligible,
  )!;
  const browser = new Browser();
  const phone = new TestPhone();
  const steps: string[] = [];
  await browser.post(`${first}/api/enrollment/identify`, { path: 'chip', locale: 'en', registrationNumber: r.registrationNumber, cardSerial: r.card.serial, birthDate: r.birthDate });
  steps.push('identify@1');
  const masked = (() => {
    const d = r.phone.replace(/\D/g, '');
    return `${d.slice(0, 3)}-****-${d.slice(-4)}`;
  })();
  let code: string | undefined;
  for (let i = 0; i < 40 && !code; i++) {
    const html = await (await browser.request(`${second}/en/dev/inbox`)).text();
    const row = html.split('data-testid="sms-row"').slice(1).find((x) => x.includes(masked));
    code = row ? /data-testid="sms-body"[^>]*>[^<]*?\b(\d{6})\b/.exec(row)?.[1] : undefined;
    if (!code) await new Promise((res) => setTimeout(res, 100));
  }
  if (!code) throw new Error('no SMS code on the dev inbox');
  await browser.post(`${second}/api/enrollment/sms/verify`, { locale: 'en', code });
  steps.push('sms@2');
  const { challenge } = (await browser.post(`${second}/api/enrollment/chip/challenge`, { locale: 'en' })) as { challenge: string };
  const { signature } = (await browser.post(`${second}/api/enrollment/chip-simulator`, { locale: 'en', challenge })) as { signature: string };
  await browser.post(`${second}/api/enrollment/chip/verify`, { challenge, signature });
  steps.push('chip@2');
  const { options } = (await browser.post(`${second}/api/passkeys/registration/options`, {})) as { options: never };
  const issued = (await browser.post(`${second}/api/passkeys/registration/verify`, await phone.register(options, { origin: second }))) as { credentialId: string };
  steps.push('passkey@2');
  const unlock = (await browser.post(`${first}/api/presentations/unlock/options`, { credentialId: issued.credentialId })) as { options: never };
  await browser.post(`${first}/api/presentations/unlock`, await phone.unlock(unlock.options, { origin: first }));
  steps.push('unlock@1');
  return { steps };
}

registerFigure({
  name: 'load_nginx',
  unit: 'req/s',
  description: `the same load through nginx (deploy/nginx.conf) in front of two app instances on one PostgreSQL database (ARC_BENCH_PG or DATABASE_URL), after a passkey ceremony started on one instance and finished on the other`,
  async run() {
    const serverUrl = process.env.ARC_BENCH_PG || process.env.DATABASE_URL;
    if (!serverUrl) throw new Error('load_nginx needs a PostgreSQL server: ARC_BENCH_PG=postgres://… (or DATABASE_URL)');
    const nginxBin = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
    if (!nginxBin) throw new Error('load_nginx needs nginx: apt-get install -y nginx');
    const root = process.cwd();
    const { distDir, build } = buildDir(root);
    const database = await throwAwayDatabase(serverUrl, 'arc_bench_load');
    const [portA, portB, portN] = [await freePort(), await freePort(), await freePort()];
    const front = `http://127.0.0.1:${portN}`;
    const { privateJwk, tokens: makeTokens } = await keysAndTokens(front);
    const env = {
      DATABASE_URL: database.url,
      ARC_WORKERS: '1',
      ARC_DATA_KEY: randomBytes(32).toString('base64'),
      ARC_SIGNING_KEY: privateJwk,
      ARC_AUDIT_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      ARC_ORIGINS: [front, `http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`].join(','),
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-bench-nginx-'));
    const a = startServer(root, distDir, portA, env);
    let b: Instance | undefined;
    let nginx: ChildProcess | undefined;
    try {
      await waitForHealth(a.base, a.child, 180_000); // the first migrates and seeds the demo
      b = startServer(root, distDir, portB, env);
      await waitForHealth(b.base, b.child, 180_000);
      fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, portN, [portA, portB]));
      nginx = spawn(nginxBin, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore', detached: true });
      await waitForHealth(front, nginx, 30_000);
      const ceremony = await ceremonyAcrossInstances(a.base, b.base);
      const tokens = await makeTokens(front);
      await checkTokens(front, tokens);
      const cookie = await analystCookie(front);
      return await load(front, tokens, cookie, 'nginx', [a, b!], {
        database: 'postgres',
        app_instances: 2,
        ceremony_across_instances: ceremony.steps.join(' → '),
        server: build,
      });
    } finally {
      if (nginx) await stopProcess(nginx);
      await stopProcess(a.child);
      if (b) await stopProcess(b.child);
      fs.rmSync(dir, { recursive: true, force: true });
      await database.drop();
    }
  },
});
