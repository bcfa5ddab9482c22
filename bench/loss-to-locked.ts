// loss_to_locked_ms: from the moment a loss report is answered to the
// moment the verify endpoint says the token shown before is no longer valid
// (POST /api/presentations/verify polled until it answers valid: false),
// p95 over 50 runs, each run a different resident's card.
//
// Everything goes through the production server (scripts/server.ts, what
// npm start runs, with the verify endpoint's fast path) on its own port and
// data dir, over HTTP, the honest and simple way: the embedded database
// belongs to the server process, so the bench does not touch it. Before the
// runs, it issues 50 cards the way a phone does — the chip path through the
// enrollment endpoints (the demo's SMS simulator read on the dev inbox, the
// demo chip simulator, a software passkey authenticator and device key from
// the enrollment test kit) — opens each card and takes an "identity" token
// from the token endpoint. Then, per run: POST /api/loss with that
// resident's details (a client address of its own, so the per-client limit
// stays out of the way), and from the answer on, verify the token again and
// again until it fails.
//
// The build: ARC_BENCH_DIST_DIR, else another server bench's build made in
// this same run, else a fresh build into .next-bench-loss.
//
// Another instance: with ARC_BENCH_LOSS_PG=postgres://… (a server where the
// bench may create a throw-away database), the same runs are measured again
// with TWO server processes on that PostgreSQL database, reporting on the
// first and verifying on the second: how long another instance keeps
// answering from its status view (lib/status: refreshed in the background
// once 2 s old, never used once 5 s old). Reported beside the figure as
// other_instance_*; the figure itself is one instance.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkEligibility } from '@/lib/eligibility';
import { TestPhone } from '@/lib/enrollment/testing';
import { DEFAULT_AS_OF, DEFAULT_SEED, generateResidents, type SyntheticResident } from '@/lib/population';
import { registerFigure } from './registry';
import { freePort, throwAwayDatabase, waitForHealth } from './server-helpers';

const RUNS = Number(process.env.ARC_BENCH_LOSS_RUNS ?? 50);
const SEED_RESIDENTS = 400;
/** A run that has not seen the lock by then has failed (the status view's own limit is 5 s). */
const GIVE_UP_MS = 15_000;
const processStarted = Date.now() - performance.now();

const round = (n: number, d = 1) => Number(n.toFixed(d));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function buildDir(root: string): { distDir: string; build: string } {
  const given = process.env.ARC_BENCH_DIST_DIR;
  if (given && fs.existsSync(path.join(root, given, 'BUILD_ID'))) return { distDir: given, build: `reused ${given}` };
  for (const other of ['.next-bench-presentation', '.next-bench-guide']) {
    const id = path.join(root, other, 'BUILD_ID');
    if (fs.existsSync(id) && fs.statSync(id).mtimeMs >= processStarted) return { distDir: other, build: `reused this run’s ${other}` };
  }
  const distDir = '.next-bench-loss';
  const started = performance.now();
  const result = spawnSync('npx', ['next', 'build'], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: distDir, ARC_DEMO: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stderr?.toString().slice(-2000)}`);
  return { distDir, build: `built into ${distDir} in ${round((performance.now() - started) / 1000)} s` };
}

/** A small HTTP client with one cookie jar: a phone's browser. */
class Browser {
  private cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async post(pathname: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${this.base}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.base, cookie: this.cookieHeader(), ...this.headers },
      body: JSON.stringify(body),
    });
    this.keep(response);
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  async get(pathname: string): Promise<string> {
    const response = await fetch(`${this.base}${pathname}`, { headers: { cookie: this.cookieHeader() } });
    this.keep(response);
    return response.text();
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
}

async function expectOk(what: string, answer: Promise<{ status: number; json: Record<string, unknown> }>): Promise<Record<string, unknown>> {
  const { status, json } = await answer;
  if (status !== 200) throw new Error(`${what}: ${status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

const maskedPhone = (phone: string) => {
  const d = phone.replace(/\D/g, '');
  return `${d.slice(0, 3)}-****-${d.slice(-4)}`;
};

/** The newest simulated SMS to this phone, read on the demo's dev inbox. */
async function smsCode(browser: Browser, phone: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const html = await browser.get('/en/dev/inbox');
    for (const row of html.split('data-testid="sms-row"').slice(1)) {
      if (!row.includes(maskedPhone(phone))) continue;
      const code = /data-testid="sms-body"[^>]*>[^<]*?\b(\d{6})\b/.exec(row)?.[1];
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS for ${maskedPhone(phone)}`);
}

/** The chip path over HTTP, then the card opened and an "identity" token taken, as the card page does. */
async function issueCardAndShow(base: string, r: SyntheticResident): Promise<string> {
  const browser = new Browser(base);
  const phone = new TestPhone();
  await expectOk(
    'identify',
    browser.post('/api/enrollment/identify', { path: 'chip', locale: 'en', registrationNumber: r.registrationNumber, cardSerial: r.card.serial, birthDate: r.birthDate }),
  );
  await expectOk('sms', browser.post('/api/enrollment/sms/verify', { locale: 'en', code: await smsCode(browser, r.phone) }));
  const { challenge } = (await expectOk('chip challenge', browser.post('/api/enrollment/chip/challenge', { locale: 'en' }))) as { challenge: string };
  const { signature } = (await expectOk('chip simulator', browser.post('/api/enrollment/chip-simulator', { locale: 'en', challenge }))) as { signature: string };
  await expectOk('chip verify', browser.post('/api/enrollment/chip/verify', { challenge, signature }));
  const { options } = (await expectOk('passkey options', browser.post('/api/passkeys/registration/options', {}))) as { options: never };
  const issued = (await expectOk('passkey', browser.post('/api/passkeys/registration/verify', await phone.register(options, { origin: base })))) as {
    credentialId: string;
  };
  const unlock = (await expectOk('unlock options', browser.post('/api/presentations/unlock/options', { credentialId: issued.credentialId }))) as {
    options: never;
  };
  await expectOk('unlock', browser.post('/api/presentations/unlock', await phone.unlock(unlock.options, { origin: base })));
  const { token } = (await expectOk('token', browser.post('/api/presentations/tokens', { profile: 'identity', locale: 'en' }))) as { token: string };
  return token;
}

async function verify(base: string, token: string): Promise<{ valid: boolean; reason?: string }> {
  const response = await fetch(`${base}/api/presentations/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return (await response.json()) as { valid: boolean; reason?: string };
}

type Measured = {
  lockedAfter: number[];
  answeredIn: number[];
  polls: number[];
  issueSeconds: number;
};

type Instance = { base: string; child: ReturnType<typeof spawn> };

function startServer(root: string, distDir: string, port: number, env: Record<string, string>): Instance {
  const base = `http://localhost:${port}`;
  const child = spawn('npx', ['tsx', path.join(root, 'scripts', 'server.ts')], {
    cwd: root,
    env: { ...process.env, NEXT_DIST_DIR: distDir, ARC_SEED_RESIDENTS: String(SEED_RESIDENTS), ARC_DEMO: '1', PORT: String(port), NODE_ENV: 'production', ...env },
    stdio: 'ignore',
    detached: true,
  });
  return { base, child };
}

async function stop(instance: Instance): Promise<void> {
  try {
    process.kill(-instance.child.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
  await new Promise((r) => setTimeout(r, 1000));
}

/** Issues the cards through `reportTo`, then per run: report there, verify on `verifyOn` until it fails. */
async function measure(reportTo: string, verifyOn: string): Promise<Measured> {
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  const residents = generateResidents({ seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF }, SEED_RESIDENTS)
    .filter((r) => r.card.kind === 'chip' && checkEligibility(r, { ...r.card, replacedAt: null }, today).eligible)
    .slice(0, RUNS);
  if (residents.length < RUNS) throw new Error(`only ${residents.length} eligible chip-card residents in the seeded ${SEED_RESIDENTS}`);

  const issueStarted = performance.now();
  const tokens: string[] = [];
  for (const r of residents) tokens.push(await issueCardAndShow(reportTo, r));
  const issueSeconds = (performance.now() - issueStarted) / 1000;
  for (const token of tokens.slice(0, 3)) {
    const first = await verify(verifyOn, token);
    if (!first.valid) throw new Error(`a fresh token does not verify: ${first.reason}`);
  }

  const lockedAfter: number[] = [];
  const answeredIn: number[] = [];
  const polls: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = residents[i]!;
    const reporter = new Browser(reportTo, { 'x-forwarded-for': `203.0.113.${(i % 250) + 1}` });
    const sent = performance.now();
    await expectOk(
      'loss report',
      reporter.post('/api/loss', { locale: 'en', registrationNumber: r.registrationNumber, cardSerial: r.card.serial, birthDate: r.birthDate }),
    );
    const answered = performance.now();
    answeredIn.push(answered - sent);
    let n = 0;
    for (;;) {
      n++;
      const result = await verify(verifyOn, tokens[i]!);
      if (!result.valid) {
        if (result.reason !== 'locked') throw new Error(`run ${i}: the token failed as ${result.reason}, not locked`);
        break;
      }
      if (performance.now() - answered > GIVE_UP_MS) throw new Error(`run ${i}: still valid ${GIVE_UP_MS} ms after the answer`);
    }
    lockedAfter.push(performance.now() - answered);
    polls.push(n);
  }
  return { lockedAfter, answeredIn, polls, issueSeconds };
}

const sortedOf = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Two instances on a fresh database on the PostgreSQL server `serverUrl`: report on one, verify on the other. */
async function measureTwoInstances(root: string, distDir: string, serverUrl: string): Promise<Record<string, unknown>> {
  const database = await throwAwayDatabase(serverUrl, 'arc_bench_loss');
  const [portA, portB] = [await freePort(), await freePort()];
  const env = {
    DATABASE_URL: database.url,
    ARC_DATA_KEY: randomBytes(32).toString('base64'),
    ARC_SIGNING_KEY: JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' })),
    // The Ed25519 key that signs audit checkpoints (required on PostgreSQL).
    ARC_AUDIT_KEY: JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })),
    ARC_ORIGINS: `http://localhost:${portA},http://localhost:${portB}`,
    ARC_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'arc-bench-loss-pg-')),
  };
  const a = startServer(root, distDir, portA, env);
  let b: Instance | null = null;
  try {
    await waitForHealth(a.base, a.child, 240_000);
    b = startServer(root, distDir, portB, env);
    await waitForHealth(b.base, b.child, 240_000);
    const m = await measure(a.base, b.base);
    const sorted = sortedOf(m.lockedAfter);
    return {
      other_instance_p50_ms: round(percentile(sorted, 50)),
      other_instance_p95_ms: round(percentile(sorted, 95)),
      other_instance_max_ms: round(sorted.at(-1)!),
      other_instance_polls_p50: percentile(sortedOf(m.polls), 50),
      other_instance_database: 'postgres',
    };
  } finally {
    await stop(a);
    if (b) await stop(b);
    await database.drop();
    fs.rmSync(env.ARC_DATA_DIR, { recursive: true, force: true });
  }
}

registerFigure({
  name: 'loss_to_locked_ms',
  unit: 'ms',
  description: `loss report answered (POST /api/loss) → POST /api/presentations/verify says the token shown before is not valid, p95 over ${RUNS} runs (production server, one instance)`,
  runs: RUNS,
  async run() {
    const root = path.resolve(import.meta.dirname, '..');
    const { distDir, build } = buildDir(root);
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-bench-loss-'));
    const server = startServer(root, distDir, port, { ARC_DATA_DIR: dataDir, ARC_ORIGINS: `http://localhost:${port}`, DATABASE_URL: '' });
    let one: Measured;
    try {
      await waitForHealth(server.base, server.child, 240_000);
      one = await measure(server.base, server.base);
    } finally {
      await stop(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const sorted = sortedOf(one.lockedAfter);
    const answers = sortedOf(one.answeredIn);
    const pgUrl = process.env.ARC_BENCH_LOSS_PG;
    const other = pgUrl ? await measureTwoInstances(root, distDir, pgUrl) : { other_instance: 'not measured (set ARC_BENCH_LOSS_PG=postgres://… to measure two instances)' };
    return {
      value: round(percentile(sorted, 95), 2),
      p50_ms: round(percentile(sorted, 50), 2),
      max_ms: round(sorted.at(-1)!, 2),
      polls_max: Math.max(...one.polls),
      polls_first_try: one.polls.filter((n) => n === 1).length,
      report_answer_p50_ms: round(percentile(answers, 50)),
      report_answer_p95_ms: round(percentile(answers, 95)),
      instances: 1,
      database: 'pglite',
      setup: `${RUNS} cards issued over HTTP (chip path, demo simulators) in ${round(one.issueSeconds)} s`,
      build,
      ...other,
    };
  },
});
