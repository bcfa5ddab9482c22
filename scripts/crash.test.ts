// Issue 13 point 8: the server SIGKILLed in the middle of a burst of 200
// requests, then started again on the same data. A production server
// (scripts/server.ts, what npm start runs) on its own port and data
// (an embedded data dir in the pglite project; a fresh database on the
// DATABASE_URL server in the postgres project), demo mode with a small
// deterministic population, gets at once:
//   - 16 enrollments on the chip path, each 8 POSTs in a row (identify,
//     the SMS code read on the dev inbox, code, chip challenge, the demo's
//     chip simulator, chip proof, passkey options, passkey),
//   - 36 loss reports (12 with a resident's true details, 24 unknown),
//   - 36 bookings by different residents on the first four slots the
//     booking page lists: a race for fewer seats than bookers,
// every resident from a client address of its own (X-Forwarded-For), so the
// per-client limits stay out of the way. Once half the requests have been
// answered (and some of each kind), the whole server (its process group)
// gets SIGKILL. Then it is
// started again on the same data, answers, and is stopped; and:
//   - npm run audit:verify exits 0 (the chain and its checkpoints whole);
//   - no half-issued card: every active credential has its enrollment done
//     (pointing back at it) and its credential.issued audit entry; no
//     enrollment is done or names a credential that does not exist;
//   - no double booking: every slot's `booked` equals the bookings holding a
//     seat (live, or ended as completed / no-show; a cancellation gives it
//     back), the raced slots' equals their live bookings, and none passes
//     its capacity;
//   - every request answered with success before the kill has its effect:
//     identify → an enrollment for that card, SMS code → sms_verified_at,
//     chip proof → chip_verified_at, passkey → the active credential, loss →
//     the report with that reference (with the resident when the details
//     matched), booking → the live booking with that reference.
//
// Needs a production build in NEXT_DIST_DIR (npm test builds .next-test
// first); skips with a message without one.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEvents, bookings, cards, credentials, enrollments, lossReports, slots } from '@/db/schema';
import { openDatabase, type Database } from '@/db/client';
import { checkEligibility } from '@/lib/eligibility';
import { TestPhone } from '@/lib/enrollment/testing';
import { DEFAULT_AS_OF, DEFAULT_SEED, generateResidents, type SyntheticResident } from '@/lib/population';

const root = path.resolve(import.meta.dirname, '..');
const distDir = process.env.NEXT_DIST_DIR || '.next';
const built = fs.existsSync(path.join(root, distDir, 'BUILD_ID'));
const postgresUrl = process.env.DATABASE_URL || undefined;
const skipReason = built ? null : `crash test skipped: no production build in ${distDir} (run NEXT_DIST_DIR=${distDir} npm run build; npm test does)`;
if (skipReason) console.warn(skipReason);

const SEED_RESIDENTS = 300;
const ENROLLMENTS = 16;
const LOSS_MATCHED = 12;
const LOSS_UNKNOWN = 24;
const BOOKINGS = 36;
const STEPS_PER_ENROLLMENT = 8;
const TOTAL = ENROLLMENTS * STEPS_PER_ENROLLMENT + LOSS_MATCHED + LOSS_UNKNOWN + BOOKINGS; // 200
const KILL_AFTER = TOTAL / 2;

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

type Server = { child: ChildProcess; base: string; log: string[] };

function startServer(port: number, env: Record<string, string>): Server {
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'server.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: distDir, PORT: String(port), ARC_DEMO: '1', ARC_SEED_RESIDENTS: String(SEED_RESIDENTS), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log: string[] = [];
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  return { child, base: `http://127.0.0.1:${port}`, log };
}

async function waitUp(server: Server, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) break;
    try {
      if ((await fetch(`${server.base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not come up:\n${server.log.join('').slice(-3000)}`);
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** A resident's browser: one cookie jar, one client address. */
class Browser {
  private cookies = new Map<string, string>();
  constructor(
    private readonly server: () => Server,
    private readonly address: string,
  ) {}

  async request(method: 'GET' | 'POST', pathname: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown>; text: string }> {
    const base = this.server().base;
    const response = await fetch(`${base}${pathname}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        origin: base,
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-forwarded-for': this.address,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // a page
    }
    return { status: response.status, json, text };
  }
}

const maskedPhone = (phone: string) => {
  const d = phone.replace(/\D/g, '');
  return `${d.slice(0, 3)}-****-${d.slice(-4)}`;
};

type Answered = {
  kind: 'identify' | 'sms' | 'chip' | 'passkey' | 'loss' | 'booking' | 'other';
  serial?: string;
  matched?: boolean;
  reference?: string;
  credentialId?: string;
};

/** One run of the burst against a started server; the answers that were successes, and the counts. */
class Burst {
  answered = 0;
  answeredKinds = new Set<Answered['kind']>();
  successes: Answered[] = [];
  failures: Record<string, number> = {};
  private onHalf?: () => void;
  readonly half = new Promise<void>((r) => (this.onHalf = r));

  /** One counted request: a success (2xx) is kept with what it should have done. */
  async count(browser: Browser, pathname: string, body: unknown, what: Omit<Answered, 'reference' | 'credentialId'>): Promise<Record<string, unknown>> {
    let answer: Awaited<ReturnType<Browser['request']>>;
    try {
      answer = await browser.request('POST', pathname, body);
    } catch (error) {
      this.failures.connection = (this.failures.connection ?? 0) + 1;
      throw error;
    }
    this.answered++;
    this.answeredKinds.add(what.kind);
    // The kill: half the requests answered and some of each kind (enrollment steps, loss reports, bookings), or 80 % answered.
    const eachKind = ['identify', 'loss', 'booking'].every((k) => this.answeredKinds.has(k as Answered['kind']));
    if ((this.answered >= KILL_AFTER && eachKind) || this.answered >= TOTAL * 0.8) this.onHalf!();
    if (answer.status >= 200 && answer.status < 300) {
      this.successes.push({
        ...what,
        reference: typeof answer.json.reference === 'string' ? answer.json.reference : undefined,
        credentialId: typeof answer.json.credentialId === 'string' ? answer.json.credentialId : undefined,
      });
      return answer.json;
    }
    const code = String((answer.json.error as { code?: string } | undefined)?.code ?? answer.status);
    this.failures[code] = (this.failures[code] ?? 0) + 1;
    throw new Error(`${pathname}: ${answer.status} ${code}`);
  }
}

async function smsCode(browser: Browser, phone: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const { text } = await browser.request('GET', '/en/dev/inbox');
    for (const row of text.split('data-testid="sms-row"').slice(1)) {
      if (!row.includes(maskedPhone(phone))) continue;
      const code = /data-testid="sms-body"[^>]*>[^<]*?\b(\d{6})\b/.exec(row)?.[1];
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS for ${maskedPhone(phone)}`);
}

async function enroll(burst: Burst, browser: Browser, r: SyntheticResident, base: () => string): Promise<void> {
  const serial = r.card.serial;
  await burst.count(browser, '/api/enrollment/identify', { path: 'chip', locale: 'en', registrationNumber: r.registrationNumber, cardSerial: serial, birthDate: r.birthDate }, { kind: 'identify', serial });
  const code = await smsCode(browser, r.phone);
  await burst.count(browser, '/api/enrollment/sms/verify', { locale: 'en', code }, { kind: 'sms', serial });
  const { challenge } = (await burst.count(browser, '/api/enrollment/chip/challenge', { locale: 'en' }, { kind: 'other', serial })) as { challenge: string };
  const { signature } = (await burst.count(browser, '/api/enrollment/chip-simulator', { locale: 'en', challenge }, { kind: 'other', serial })) as { signature: string };
  await burst.count(browser, '/api/enrollment/chip/verify', { challenge, signature }, { kind: 'chip', serial });
  const { options } = (await burst.count(browser, '/api/passkeys/registration/options', {}, { kind: 'other', serial })) as { options: never };
  const answer = await new TestPhone().register(options, { origin: base() });
  await burst.count(browser, '/api/passkeys/registration/verify', answer, { kind: 'passkey', serial });
}

/** Residents by use, disjoint, eligible today, with different phone endings (the dev inbox masks the rest). */
function pickResidents() {
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  const seen = new Set<string>();
  const eligible = generateResidents({ seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF }, SEED_RESIDENTS).filter((r) => {
    const ending = r.phone.replace(/\D/g, '').slice(-4);
    if (seen.has(ending) || !checkEligibility(r, { ...r.card, replacedAt: null }, today).eligible) return false;
    seen.add(ending);
    return true;
  });
  const chip = eligible.filter((r) => r.card.kind === 'chip');
  const enrolling = chip.slice(0, ENROLLMENTS);
  const rest = eligible.filter((r) => !enrolling.includes(r));
  const losing = rest.slice(0, LOSS_MATCHED);
  const booking = rest.slice(LOSS_MATCHED, LOSS_MATCHED + BOOKINGS);
  if (enrolling.length < ENROLLMENTS || booking.length < BOOKINGS) throw new Error(`too few eligible residents in the seeded ${SEED_RESIDENTS}`);
  return { enrolling, losing, booking };
}

/** Four slots to race for: the first the booking page lists. */
async function pickSlots(base: string): Promise<string[]> {
  const html = await (await fetch(`${base}/en/booking`)).text();
  const ids = [...new Set([...html.matchAll(/\/en\/booking\/slots\/([0-9a-f-]{36})/g)].map((m) => m[1]!))];
  if (ids.length < 4) throw new Error(`the booking page lists ${ids.length} slots`);
  return ids.slice(0, 4);
}

type Setup = {
  label: 'pglite' | 'postgres';
  env: Record<string, string>;
  auditEnv: Record<string, string>;
  open: () => Promise<Database>;
};

async function setUp(): Promise<Setup> {
  if (!postgresUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-crash-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    return {
      label: 'pglite',
      env: { DATABASE_URL: '', ARC_DATA_DIR: dataDir },
      auditEnv: { ARC_DATA_DIR: dataDir },
      open: () => openDatabase({ kind: 'pglite', dataDir, holder: 'crash test' }),
    };
  }
  const pg = (await import('pg')).default;
  const name = `arc_crash_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: postgresUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  });
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const env = {
    DATABASE_URL: url.toString(),
    ARC_DATA_KEY: randomBytes(32).toString('base64'),
    ARC_SIGNING_KEY: JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' })),
    ARC_AUDIT_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
  return { label: 'postgres', env, auditEnv: env, open: () => openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 }) };
}

describe.skipIf(!!skipReason)(`crash: SIGKILL in a burst of ${TOTAL} requests, then a restart on the same data`, () => {
  it('loses nothing answered, issues nothing by halves, double-books nothing, and keeps the audit chain whole', async () => {
    const started = performance.now();
    const setup = await setUp();
    const port = 3400 + Math.floor(Math.random() * 90);
    let server = startServer(port, setup.env);
    cleanups.push(() => signalGroup(server.child, 'SIGKILL'));
    await waitUp(server);
    const upAfter = performance.now() - started;

    const { enrolling, losing, booking } = pickResidents();
    const slotIds = await pickSlots(server.base);
    const burst = new Burst();
    let client = 0;
    const browser = () => new Browser(() => server, `198.51.${(++client >> 8) & 255}.${client & 255}`);
    const base = () => server.base;
    const work: Promise<unknown>[] = [
      ...enrolling.map((r) => enroll(burst, browser(), r, base)),
      ...losing.map((r) => burst.count(browser(), '/api/loss', { locale: 'en', registrationNumber: r.registrationNumber, cardSerial: r.card.serial, birthDate: r.birthDate }, { kind: 'loss', serial: r.card.serial, matched: true })),
      ...Array.from({ length: LOSS_UNKNOWN }, (_, i) =>
        burst.count(browser(), '/api/loss', { locale: 'en', registrationNumber: `900101-5${String(800000 + i)}`.slice(0, 14), cardSerial: `IC7${String(i).padStart(8, '0')}`, birthDate: '1990-01-01' }, { kind: 'loss', matched: false }),
      ),
      ...booking.map((r, i) =>
        burst.count(browser(), '/api/booking', { slotId: slotIds[i % slotIds.length], registrationNumber: r.registrationNumber, cardSerial: r.card.serial, birthDate: r.birthDate, locale: 'en' }, { kind: 'booking', serial: r.card.serial }),
      ),
    ];
    const settled = Promise.allSettled(work);
    // The kill: half the requests answered, or everything done (then the kill comes after the burst).
    await Promise.race([burst.half, settled]);
    const answeredBeforeKill = burst.answered;
    const successesBeforeKill = [...burst.successes];
    signalGroup(server.child, 'SIGKILL');
    await exited(server.child);
    await settled;

    // The restart on the same data: it must come up and answer.
    server = startServer(port, setup.env);
    await waitUp(server);
    expect((await fetch(`${server.base}/api/audit/checkpoint`)).status).toBe(200);
    signalGroup(server.child, 'SIGTERM');
    await exited(server.child);

    // npm run audit:verify, as an operator runs it.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'ARC_DATA_DIR', 'ARC_AUDIT_KEY'].includes(k)));
    const audit = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'audit-verify.ts')], {
      cwd: root,
      env: { ...clean, DATABASE_URL: '', ...setup.auditEnv } as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(audit.status, `${audit.stdout}${audit.stderr}`).toBe(0);

    const database = await setup.open();
    try {
      const { db } = database;
      const cardIds = new Map((await db.select({ id: cards.id, serial: cards.serial }).from(cards)).map((c) => [c.serial, c.id]));
      const allEnrollments = await db.select().from(enrollments);
      const allCredentials = await db.select().from(credentials);
      const issuedEntries = new Set(
        (await db.select({ id: auditEvents.subjectId }).from(auditEvents).where(eq(auditEvents.action, 'credential.issued'))).map((e) => e.id),
      );

      // No half-issued card.
      const credentialIds = new Set(allCredentials.map((c) => c.id));
      for (const c of allCredentials.filter((c) => c.status === 'active')) {
        const e = allEnrollments.find((e) => e.id === c.enrollmentId);
        expect(e, `active credential ${c.id} without its enrollment`).toBeDefined();
        expect(e).toMatchObject({ step: 'done', credentialId: c.id });
        expect(issuedEntries.has(c.id), `active credential ${c.id} without its credential.issued entry`).toBe(true);
      }
      for (const e of allEnrollments) {
        if (e.credentialId) expect(credentialIds.has(e.credentialId), `enrollment ${e.id} names a missing credential`).toBe(true);
        if (e.step === 'done') expect(e.credentialId, `enrollment ${e.id} done without a credential`).toBeTruthy();
      }

      // No double booking. A seat stays taken when its booking ends (completed, no-show: the demo seeds some);
      // only a cancellation gives it back. On the raced slots, every seat taken is a live booking.
      const allBookings = await db.select({ slotId: bookings.slotId, status: bookings.status }).from(bookings);
      const seats = (await db.select({ id: slots.id, capacity: slots.capacity, booked: slots.booked }).from(slots)).map((s) => ({
        ...s,
        held: allBookings.filter((b) => b.slotId === s.id && b.status !== 'cancelled').length,
        live: allBookings.filter((b) => b.slotId === s.id && b.status === 'booked').length,
      }));
      const bookingEntries = await db.select({ action: auditEvents.action, detail: auditEvents.detail }).from(auditEvents).where(sql`${auditEvents.action} like 'booking.%'`);
      for (const s of seats) {
        const about = `slot ${s.id} (${slotIds.includes(s.id) ? 'raced' : 'not raced'}; ${JSON.stringify(bookingEntries.filter((e) => JSON.stringify(e.detail).includes(s.id)))})`;
        expect(s.booked, `${about}: seats taken vs bookings holding one`).toBe(Number(s.held));
        expect(s.booked).toBeLessThanOrEqual(s.capacity);
        if (slotIds.includes(s.id)) expect(s.booked, `raced slot ${s.id}`).toBe(Number(s.live));
      }

      // Every success answered before the kill has its effect.
      const ofCard = (serial: string) => allEnrollments.filter((e) => e.cardId === cardIds.get(serial));
      const effects: Record<string, number> = {};
      for (const s of successesBeforeKill) {
        switch (s.kind) {
          case 'identify':
            expect(ofCard(s.serial!).length, `identify ${s.serial}`).toBeGreaterThan(0);
            break;
          case 'sms':
            expect(ofCard(s.serial!).some((e) => e.smsVerifiedAt), `sms ${s.serial}`).toBe(true);
            break;
          case 'chip':
            expect(ofCard(s.serial!).some((e) => e.chipVerifiedAt), `chip ${s.serial}`).toBe(true);
            break;
          case 'passkey': {
            const c = allCredentials.find((c) => c.credentialId === s.credentialId);
            expect(c, `passkey ${s.serial}`).toMatchObject({ status: 'active' });
            expect(ofCard(s.serial!).some((e) => e.step === 'done' && e.credentialId === c!.id)).toBe(true);
            break;
          }
          case 'loss': {
            const [report] = await db.select().from(lossReports).where(eq(lossReports.reference, s.reference!));
            expect(report, `loss report ${s.reference}`).toBeDefined();
            expect(report!.residentId !== null).toBe(!!s.matched);
            break;
          }
          case 'booking': {
            const [b] = await db.select().from(bookings).where(and(eq(bookings.reference, s.reference!), eq(bookings.status, 'booked')));
            expect(b, `booking ${s.reference}`).toBeDefined();
            break;
          }
          default:
            continue;
        }
        effects[s.kind] = (effects[s.kind] ?? 0) + 1;
      }
      const liveBookings = (await db.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.status, 'booked'), inArray(bookings.slotId, slotIds)))).length;
      console.info(
        `crash (${setup.label}): up in ${(upAfter / 1000).toFixed(1)} s; ${answeredBeforeKill} of ${TOTAL} requests answered before the SIGKILL, ` +
          `${successesBeforeKill.length} with success; effects found for all of them ${JSON.stringify(effects)}; refusals ${JSON.stringify(burst.failures)}; ` +
          `active credentials ${allCredentials.filter((c) => c.status === 'active').length}, live bookings on the raced slots ${liveBookings}; ` +
          `audit:verify: ${audit.stdout.trim()}; ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
      );
      expect(answeredBeforeKill).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  }, 180_000);
});
