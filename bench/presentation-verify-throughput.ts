// verify_throughput_ratio: requests per second of POST /api/presentations/verify
// over loopback (valid tokens, a production build on its own port and data
// dir) divided by raw ES256 verifications per second with jose in this
// process AT THE SAME CONCURRENCY, measured in the same run.
// Goal (issue 5): ≥ 0.5; issue 13 asks ≥ 0.6 of this baseline.
//
// The load generator shares the machine's cores with the server, and what
// it spends per request is charged to the endpoint: autocannon (JavaScript)
// spends about as much CPU per request as the server's whole check, so on
// two cores it cannot push a bare `http` + jose server past ~0.55 of jose's
// rate, whatever the server does. wrk (C, Debian's `wrk`) spends a fraction
// of that, as a client on another machine would. The figure's value is
// measured with wrk, one thread, the same connections and the same tokens
// (a Lua script rotates them); where wrk is not installed it falls back to
// autocannon and says so (load_generator). autocannon's ratio is measured
// in the same run and reported beside it, as before.
//
// The raw rate (the denominator) is jose's compactVerify with as many
// verifications in flight as the load has connections, and with 32: the
// better of the two (WebCrypto runs each verification in libuv's thread
// pool, so both cores verify; that is jose's best rate on this machine —
// issue 13 point 9 replaced the earlier one-at-a-time denominator, which
// flattered the endpoint). The one-at-a-time rate is reported beside it. The endpoint does the whole check per request: body
// parsing, the ES256 allow-list, the kid, the signature, the times and the
// live status, which comes from the in-process status view (no database
// round trip per request).
//
// The server is scripts/server.ts (what npm start runs: Next's handler for
// everything, plus lib/presentation's Node fast path for this endpoint). One
// line per database: PGlite, one process (the embedded database opens in one
// process only); and, with ARC_BENCH_PG or DATABASE_URL (a server where the
// bench may create a throw-away database), PostgreSQL with one worker
// process per core (node:cluster, ARC_WORKERS=auto in scripts/server.ts),
// with the one-process rate on PostgreSQL beside it.
//
// The build: ARC_BENCH_DIST_DIR, else the guide bench's build when it was
// made in this same run, else a fresh build into .next-bench-presentation.
// Each server gets a throw-away data dir, a free port and a signing key this
// process holds, so it can sign the tokens.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compactVerify, importJWK } from 'jose';
import { systemClock } from '@/lib/clock';
import { parseSigningKey, signPresentationToken, type CardHolder } from '@/lib/presentation';
import { LIST_SIZE } from '@/lib/status';
import { registerFigure } from './registry';
import { freePort, throwAwayDatabase, waitForHealth } from './server-helpers';

const GOAL = 0.6;
const DURATION_S = Number(process.env.ARC_BENCH_VERIFY_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.ARC_BENCH_VERIFY_CONNECTIONS ?? 32);
const TOKENS = 500;
const processStarted = Date.now() - performance.now();

const round = (n: number, d = 0) => Number(n.toFixed(d));

const holder: CardHolder = {
  name: 'NGUYEN THI THANH HUONG',
  nationality: 'VN',
  residenceStatus: 'E-9',
  birthDate: '1996-04-12',
  registrationNumber: '960412-6123456',
  validUntil: '2030-06-30',
};

function buildDir(root: string): { distDir: string; build: string } {
  const given = process.env.ARC_BENCH_DIST_DIR;
  if (given && fs.existsSync(path.join(root, given, 'BUILD_ID'))) return { distDir: given, build: `reused ${given}` };
  const guide = path.join(root, '.next-bench-guide', 'BUILD_ID');
  if (fs.existsSync(guide) && fs.statSync(guide).mtimeMs >= processStarted) return { distDir: '.next-bench-guide', build: 'reused this run’s .next-bench-guide' };
  const distDir = '.next-bench-presentation';
  const started = performance.now();
  const result = spawnSync('npx', ['next', 'build'], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: distDir, ARC_DEMO: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stderr?.toString().slice(-2000)}`);
  return { distDir, build: `built into ${distDir} in ${round((performance.now() - started) / 1000, 1)} s` };
}

/** Raw jose: verifications per second over `ms`, `inFlight` at a time. */
async function joseRate(tokens: string[], key: CryptoKey, inFlight: number, ms: number): Promise<number> {
  let done = 0;
  let i = 0;
  const started = performance.now();
  const deadline = started + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      await compactVerify(tokens[i++ % tokens.length]!, key, { algorithms: ['ES256'] });
      done++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return done / ((performance.now() - started) / 1000);
}

type AutocannonResult = { requests: { average: number; total: number }; non2xx: number; errors: number; timeouts: number; latency: { p50: number; p99: number } };

async function hammer(url: string, tokens: string[], seconds: number): Promise<AutocannonResult> {
  // @ts-expect-error: autocannon ships no types
  const { default: autocannon } = (await import('autocannon')) as {
    default: (options: Record<string, unknown>) => Promise<AutocannonResult>;
  };
  let i = 0;
  return autocannon({
    url: `${url}/api/presentations/verify`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request: Record<string, unknown>) => ({ ...request, body: JSON.stringify({ token: tokens[i++ % tokens.length] }) }),
      },
    ],
  });
}

type Load = { average: number; total: number; p50: number; p99: number; non2xx: number; errors: number };
type Generator = 'wrk' | 'autocannon';

const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((file) => fs.existsSync(file));

/**
 * wrk with one thread and CONNECTIONS connections, POSTing the tokens in turn
 * (a Lua script reads them from a file). Parses wrk's summary: Requests/sec,
 * the latency distribution, non-2xx responses and socket errors.
 */
async function wrk(url: string, tokens: string[], seconds: number): Promise<Load> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-bench-wrk-'));
  try {
    const tokenFile = path.join(dir, 'tokens.txt');
    fs.writeFileSync(tokenFile, tokens.join('\n') + '\n');
    const script = path.join(dir, 'post.lua');
    fs.writeFileSync(
      script,
      [
        'local tokens = {}',
        `for line in io.lines(${JSON.stringify(tokenFile)}) do tokens[#tokens + 1] = line end`,
        'local i = 0',
        'wrk.method = "POST"',
        'wrk.headers["Content-Type"] = "application/json"',
        'request = function()',
        '  i = i + 1',
        `  return wrk.format(nil, nil, nil, '{"token":"' .. tokens[(i % #tokens) + 1] .. '"}')`,
        'end',
      ].join('\n'),
    );
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(WRK!, ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', '-s', script, `${url}/api/presentations/verify`], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (c) => (text += c));
      child.stderr.on('data', (c) => (text += c));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text.slice(-500)}`))));
    });
    const number = (re: RegExp) => Number(out.match(re)?.[1] ?? 0);
    const ms = (re: RegExp) => {
      const m = out.match(re);
      if (!m) return 0;
      const factor = m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1;
      return round(Number(m[1]) * factor, 2);
    };
    const socket = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
    return {
      average: number(/Requests\/sec:\s+([\d.]+)/),
      total: number(/(\d+) requests in/),
      p50: ms(/\s50%\s+([\d.]+)(us|ms|s)/),
      p99: ms(/\s99%\s+([\d.]+)(us|ms|s)/),
      non2xx: number(/Non-2xx or 3xx responses: (\d+)/),
      errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function load(generator: Generator, url: string, tokens: string[], seconds: number): Promise<Load> {
  if (generator === 'wrk') return wrk(url, tokens, seconds);
  const r = await hammer(url, tokens, seconds);
  return { average: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

type Measured = {
  /** The figure's generator (wrk where installed). */
  generator: Generator;
  /** The endpoint and the bare server under autocannon, when the figure's generator is wrk. */
  autocannon?: { endpoint: number; bare: number; p50: number; p99: number };
  endpoint: number;
  requests: number;
  p50: number;
  p99: number;
  /** jose, one verification at a time. */
  serial: number;
  /** jose at the load's concurrency (the better of CONNECTIONS and 32 in flight): the denominator. */
  raw: number;
  rawInFlight: number;
  /** A bare Node HTTP server doing only jose's verify, under the same load (bench/bare-verify-server.mjs). */
  bare: number;
  tokenBytes: number;
};

/** req/s of bench/bare-verify-server.mjs under the same load as the endpoint, per generator. */
async function bareHttpRate(root: string, publicJwk: unknown, tokens: string[], generators: Generator[]): Promise<Map<Generator, number>> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bench', 'bare-verify-server.mjs'), String(port), JSON.stringify(publicJwk)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`bare verify server exited (${code})`)));
    });
    const rates = new Map<Generator, number>();
    for (const generator of generators) {
      await load(generator, `http://127.0.0.1:${port}`, tokens, 3);
      rates.set(generator, (await load(generator, `http://127.0.0.1:${port}`, tokens, DURATION_S)).average);
    }
    return rates;
  } finally {
    child.kill('SIGKILL');
  }
}

type Target = { database: 'pglite' | 'postgres'; workers: number };

/** Starts scripts/server.ts (what npm start runs) on the build, loads it, and measures raw jose around the load. */
async function measure(target: Target, root: string, distDir: string): Promise<Measured> {
  const kind = `${target.database}, ${target.workers} process${target.workers > 1 ? 'es' : ''}`;
  const privateJwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const key = await parseSigningKey(JSON.stringify(privateJwk));
  const publicKey = (await importJWK(key.publicJwk, 'ES256')) as CryptoKey;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-bench-verify-'));
  const server = target.database === 'postgres' ? await throwAwayDatabase(postgresServer()!, 'arc_bench_verify') : null;
  const child = spawn('npx', ['tsx', path.join(root, 'scripts', 'server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NEXT_DIST_DIR: distDir,
      ARC_DATA_DIR: dataDir,
      ARC_SEED_RESIDENTS: '50',
      ARC_ORIGINS: baseUrl,
      ARC_SIGNING_KEY: JSON.stringify(privateJwk),
      PORT: String(port),
      DATABASE_URL: server?.url ?? '',
      ARC_WORKERS: String(target.workers),
      ARC_DEMO: '1', // the build's prerendered pages are the demo's (scripts/static-build.ts)
      ...(server
        ? {
            ARC_DATA_KEY: randomBytes(32).toString('base64'),
            ARC_AUDIT_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
          }
        : {}),
      NODE_ENV: 'production',
    },
    stdio: 'ignore',
    detached: true,
  });
  try {
    await waitForHealth(baseUrl, child, 180_000);
    // Tokens as the card page makes them (full profile), each for another card of the list.
    const tokens: string[] = [];
    for (let n = 0; n < TOKENS; n++) {
      const statusIndex = Math.floor(Math.random() * LIST_SIZE);
      tokens.push((await signPresentationToken({ origin: baseUrl, key }, systemClock, { holder, statusIndex, profile: 'full' })).token);
    }
    const check = async (token: string) =>
      (await (await fetch(`${baseUrl}/api/presentations/verify`, { method: 'POST', body: JSON.stringify({ token }) })).json()) as {
        valid: boolean;
        reason?: string;
      };
    const first = await check(tokens[0]!);
    if (!first.valid) throw new Error(`${kind}: the server refuses the bench's token: ${first.reason}`);

    // Raw jose in this process, before and after the load, so that both sides see the machine in the same state.
    const inFlights = [...new Set([CONNECTIONS, 32])];
    const concurrentRates = async () => {
      const rates = new Map<number, number>();
      for (const n of inFlights) rates.set(n, await joseRate(tokens, publicKey, n, 3000));
      return rates;
    };
    const serialBefore = await joseRate(tokens, publicKey, 1, 3000);
    const concurrentBefore = await concurrentRates();
    const generator: Generator = WRK && process.env.ARC_BENCH_LOADGEN !== 'autocannon' ? 'wrk' : 'autocannon';
    const generators: Generator[] = generator === 'wrk' ? ['wrk', 'autocannon'] : ['autocannon'];
    const loads = new Map<Generator, Load>();
    for (const g of generators) {
      await load(g, baseUrl, tokens, 3); // warm-up: JIT, caches, connections
      const measured = await load(g, baseUrl, tokens, DURATION_S);
      if (measured.non2xx > 0 || measured.errors > 0) throw new Error(`${kind} (${g}): non-2xx ${measured.non2xx}, errors ${measured.errors} during the run`);
      loads.set(g, measured);
    }
    const last = await check(tokens[tokens.length - 1]!);
    if (!last.valid) throw new Error(`${kind}: tokens stopped verifying during the run: ${last.reason}`);
    const bares = await bareHttpRate(root, key.publicJwk, tokens, generators);
    const main = loads.get(generator)!;
    const ac = loads.get('autocannon')!;
    const serialAfter = await joseRate(tokens, publicKey, 1, 3000);
    const concurrentAfter = await concurrentRates();
    // The denominator: jose's best mean rate over the in-flight counts tried.
    const [rawInFlight, raw] = inFlights
      .map((n) => [n, (concurrentBefore.get(n)! + concurrentAfter.get(n)!) / 2] as const)
      .reduce((best, next) => (next[1] > best[1] ? next : best));
    return {
      generator,
      ...(generator === 'wrk' ? { autocannon: { endpoint: ac.average, bare: bares.get('autocannon')!, p50: ac.p50, p99: ac.p99 } } : {}),
      endpoint: main.average,
      requests: main.total,
      p50: main.p50,
      p99: main.p99,
      serial: (serialBefore + serialAfter) / 2,
      raw,
      rawInFlight,
      bare: bares.get(generator)!,
      tokenBytes: Buffer.byteLength(tokens[0]!),
    };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1000));
    fs.rmSync(dataDir, { recursive: true, force: true });
    await server?.drop().catch(() => {});
  }
}

/** The PostgreSQL server for the cluster's measurement: ARC_BENCH_PG, else DATABASE_URL. */
function postgresServer(): string | undefined {
  return process.env.ARC_BENCH_PG || process.env.DATABASE_URL || undefined;
}

const CORES = os.availableParallelism();

registerFigure({
  name: 'verify_throughput_ratio',
  unit: 'ratio',
  description: `POST /api/presentations/verify req/s (wrk, else autocannon; ${CONNECTIONS} connections, ${DURATION_S} s, valid tokens, scripts/server.ts) ÷ raw jose ES256 verify/s with as many in flight, same run (goal ≥ 0.6); PGlite (one process) and, with ARC_BENCH_PG or DATABASE_URL, PostgreSQL (ARC_WORKERS=auto: one worker process per core)`,
  runs: 1,
  async run() {
    const root = process.cwd();
    const { distDir, build } = buildDir(root);
    const targets: Target[] = [{ database: 'pglite', workers: 1 }];
    if (postgresServer()) targets.push({ database: 'postgres', workers: 1 }, { database: 'postgres', workers: CORES });
    const measured: Array<[Target, Measured]> = [];
    for (const target of targets) measured.push([target, await measure(target, root, distDir)]);
    const ratio = (m: Measured) => round(m.endpoint / m.raw, 3);
    const lines = measured.filter(([t]) => t.database === 'pglite' || t.workers === CORES);
    return lines.map(([target, m]) => {
      const single = measured.find(([t]) => t.database === target.database && t.workers === 1)?.[1];
      return {
        value: ratio(m),
        load_generator: m.generator === 'wrk' ? 'wrk (1 thread)' : `autocannon${WRK ? '' : ' (wrk is not installed: apt-get install wrk)'}`,
        database: target.database,
        worker_processes: target.workers,
        // scripts/server.ts's signature threads per process (ARC_VERIFY_THREADS, default 1).
        signature_threads: Number(process.env.ARC_VERIFY_THREADS?.trim() || 1),
        goal: GOAL,
        endpoint_req_s: round(m.endpoint),
        latency_p50_ms: m.p50,
        latency_p99_ms: m.p99,
        raw_jose_verify_s: round(m.raw),
        raw_jose_in_flight: m.rawInFlight,
        raw_jose_verify_s_one_at_a_time: round(m.serial),
        ratio_vs_one_at_a_time: round(m.endpoint / m.serial, 3),
        // The same load on a bare HTTP server that only verifies (no checks, no status, no headers):
        // what HTTP plus jose reach on this machine with the load generator sharing its cores.
        bare_http_jose_req_s: round(m.bare),
        bare_http_ratio: round(m.bare / m.raw, 3),
        endpoint_vs_bare_http: round(m.endpoint / m.bare, 3),
        ...(m.autocannon
          ? {
              autocannon: {
                ratio: round(m.autocannon.endpoint / m.raw, 3),
                endpoint_req_s: round(m.autocannon.endpoint),
                latency_p50_ms: m.autocannon.p50,
                latency_p99_ms: m.autocannon.p99,
                bare_http_ratio: round(m.autocannon.bare / m.raw, 3),
              },
            }
          : {}),
        ...(single && target.workers > 1 ? { one_process: { ratio: ratio(single), endpoint_req_s: round(single.endpoint), raw_jose_verify_s: round(single.raw) } } : {}),
        connections: CONNECTIONS,
        duration_s: DURATION_S,
        tokens: TOKENS,
        token_bytes: m.tokenBytes,
        server: build,
      };
    });
  },
});
