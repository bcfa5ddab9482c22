// verify_throughput_ratio: requests per second of POST /api/presentations/verify
// over loopback (autocannon, valid tokens, a production build on its own
// port and data dir) divided by raw ES256 verifications per second with
// jose in this process, measured in the same run. Goal (issue 5): ≥ 0.5.
//
// The raw rate is jose's compactVerify in a loop, one verification at a
// time (the headline denominator); the rate with 32 verifications in flight
// (WebCrypto then uses the thread pool on both cores) is reported beside it
// with its own ratio. The endpoint does the whole check per request: body
// parsing, the ES256 allow-list, the kid, the signature, the times and the
// live status, which comes from the in-process status view (no database
// round trip per request).
//
// Two servers are measured on the same build, one after the other:
// plain `next start` and scripts/server.ts (what npm start runs: Next's
// handler for everything, plus lib/presentation's Node fast path for this
// endpoint). The figure's value is the server `npm start` runs: the
// fast path once scripts/start.ts serves through it, `next start` until then;
// both ratios are printed.
//
// The build: ARC_BENCH_DIST_DIR, else the guide bench's build when it was
// made in this same run, else a fresh build into .next-bench-presentation.
// Each server gets a throw-away data dir, a free port and a signing key this
// process holds, so it can sign the tokens.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compactVerify, importJWK } from 'jose';
import { systemClock } from '@/lib/clock';
import { parseSigningKey, signPresentationToken, type CardHolder } from '@/lib/presentation';
import { LIST_SIZE } from '@/lib/status';
import { registerFigure } from './registry';
import { freePort, waitForHealth } from './server-helpers';

const GOAL = 0.5;
const DURATION_S = Number(process.env.ARC_BENCH_VERIFY_SECONDS ?? 10);
const CONNECTIONS = 16;
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
  const result = spawnSync('npx', ['next', 'build'], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: distDir }, stdio: ['ignore', 'ignore', 'pipe'] });
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

type Measured = {
  endpoint: number;
  requests: number;
  p50: number;
  p99: number;
  raw: number;
  concurrent: number;
  tokenBytes: number;
};

/** Starts one kind of server on the build, loads it, and measures raw jose around the load. */
async function measure(kind: 'next-start' | 'fast-path', root: string, distDir: string): Promise<Measured> {
  const privateJwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const key = await parseSigningKey(JSON.stringify(privateJwk));
  const publicKey = (await importJWK(key.publicJwk, 'ES256')) as CryptoKey;
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-bench-verify-'));
  const command =
    kind === 'next-start' ? ['next', 'start', '-p', String(port)] : ['tsx', path.join(root, 'scripts', 'server.ts')];
  const child = spawn('npx', command, {
    cwd: root,
    env: {
      ...process.env,
      NEXT_DIST_DIR: distDir,
      ARC_DATA_DIR: dataDir,
      ARC_SEED_RESIDENTS: '50',
      ARC_ORIGINS: baseUrl,
      ARC_SIGNING_KEY: JSON.stringify(privateJwk),
      PORT: String(port),
      DATABASE_URL: '',
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
    const rawBefore = await joseRate(tokens, publicKey, 1, 4000);
    const concurrentBefore = await joseRate(tokens, publicKey, 32, 3000);
    await hammer(baseUrl, tokens, 3); // warm-up: JIT, caches, connections
    const load = await hammer(baseUrl, tokens, DURATION_S);
    if (load.non2xx > 0 || load.errors > 0) throw new Error(`${kind}: non-2xx ${load.non2xx}, errors ${load.errors} during the run`);
    const last = await check(tokens[tokens.length - 1]!);
    if (!last.valid) throw new Error(`${kind}: tokens stopped verifying during the run: ${last.reason}`);
    const rawAfter = await joseRate(tokens, publicKey, 1, 4000);
    const concurrentAfter = await joseRate(tokens, publicKey, 32, 3000);
    return {
      endpoint: load.requests.average,
      requests: load.requests.total,
      p50: load.latency.p50,
      p99: load.latency.p99,
      raw: (rawBefore + rawAfter) / 2,
      concurrent: (concurrentBefore + concurrentAfter) / 2,
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
  }
}

/** Whether `npm start` serves through the fast path (scripts/start.ts runs a server with serveVerify). */
function startUsesFastPath(root: string): boolean {
  try {
    const start = fs.readFileSync(path.join(root, 'scripts', 'start.ts'), 'utf8');
    return /scripts', 'server\.ts'|server\.ts/.test(start);
  } catch {
    return false;
  }
}

registerFigure({
  name: 'verify_throughput_ratio',
  unit: 'ratio',
  description: `POST /api/presentations/verify req/s (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s, valid tokens) ÷ raw jose ES256 verify/s, same run (goal ≥ 0.5)`,
  runs: 1,
  async run() {
    const root = process.cwd();
    const { distDir, build } = buildDir(root);
    const plain = await measure('next-start', root, distDir);
    const fast = await measure('fast-path', root, distDir);
    const servedByStart = startUsesFastPath(root) ? 'fast-path' : 'next-start';
    const chosen = servedByStart === 'fast-path' ? fast : plain;
    const ratio = (m: Measured) => round(m.endpoint / m.raw, 3);
    return {
      value: ratio(chosen),
      goal: GOAL,
      npm_start_serves: servedByStart,
      endpoint_req_s: round(chosen.endpoint),
      raw_jose_verify_s: round(chosen.raw),
      next_start: {
        ratio: ratio(plain),
        endpoint_req_s: round(plain.endpoint),
        latency_p50_ms: plain.p50,
        latency_p99_ms: plain.p99,
        raw_jose_verify_s: round(plain.raw),
        ratio_vs_32_in_flight: round(plain.endpoint / plain.concurrent, 3),
      },
      fast_path: {
        ratio: ratio(fast),
        endpoint_req_s: round(fast.endpoint),
        latency_p50_ms: fast.p50,
        latency_p99_ms: fast.p99,
        raw_jose_verify_s: round(fast.raw),
        ratio_vs_32_in_flight: round(fast.endpoint / fast.concurrent, 3),
      },
      raw_jose_verify_s_32_in_flight: round(chosen.concurrent),
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      tokens: TOKENS,
      token_bytes: chosen.tokenBytes,
      server: build,
    };
  },
});
