// Issue 4 point 10: two app instances (two real `next start` processes) on
// one PostgreSQL. One enrollment ceremony alternates between them step by
// step — identify and SMS on A, code check on B, chip challenge on A and
// its proof on B, passkey options on A and the new passkey on B, then
// unlock options on A and the unlock on B — as a load balancer without
// sticky sessions would send it. Nothing may live in one process's memory.
//
// Needs DATABASE_URL (a PostgreSQL server) and a production build in
// NEXT_DIST_DIR (default .next); skips with a message otherwise.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase, serverDatabaseUrl, type TestDatabase } from '@/lib/context/testing';
import { credentials } from '@/db/schema';
import { CardSimulator } from '@/lib/chip';
import { addResident, TestPhone, TEST_CHIP_SECRET, type TestResident } from './testing/fixtures';

const distDir = process.env.NEXT_DIST_DIR || '.next';
const built = fs.existsSync(path.join(process.cwd(), distDir, 'BUILD_ID'));
const skipReason = !serverDatabaseUrl()
  ? 'scale-out test skipped: DATABASE_URL is not set (it needs a PostgreSQL server both instances share)'
  : !built
    ? `scale-out test skipped: no production build in ${distDir} (run NEXT_DIST_DIR=${distDir} npx next build)`
    : null;
if (skipReason) console.warn(skipReason);

const ORIGIN = 'https://arc.example';
const RP_ID = 'arc.example';

class Instance {
  process?: ChildProcess;
  log = '';
  constructor(readonly port: number) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(env: Record<string, string>) {
    this.process = spawn('npx', ['next', 'start', '-p', String(this.port)], {
      cwd: process.cwd(),
      env: { ...process.env, ...env, NEXT_DIST_DIR: distDir, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.process.stdout!.on('data', (d) => (this.log += d));
    this.process.stderr!.on('data', (d) => (this.log += d));
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        const r = await fetch(`${this.url}/api/health`);
        if (r.ok) return;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline || this.process.exitCode !== null) {
        await new Promise((r) => setTimeout(r, 200));
        throw new Error(`instance on ${this.port} did not start:\n${this.log}`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  stop() {
    if (this.process?.pid) {
      try {
        process.kill(-this.process.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
  }
}

/** A browser's cookie jar over fetch, enough for one cookie. */
class Browser {
  cookie = '';
  timings: Record<string, number> = {};
  async post(instance: Instance, pathname: string, body: unknown): Promise<{ status: number; data: Record<string, unknown> }> {
    const r = await fetch(`${instance.url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify(body),
    });
    const set = r.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const timing = r.headers.get('server-timing')?.match(/dur=([\d.]+)/)?.[1];
    if (timing) this.timings[pathname] = Number(timing);
    return { status: r.status, data: (await r.json()) as Record<string, unknown> };
  }
}

describe.skipIf(!!skipReason)('scale-out: one ceremony across two app instances on one PostgreSQL', () => {
  let database: TestDatabase;
  let gateway: http.Server;
  const texts: string[] = [];
  const a = new Instance(3401 + Math.floor(Math.random() * 200));
  const b = new Instance(a.port + 1);
  let resident: TestResident;

  beforeAll(async () => {
    database = await openTestDatabase();
    resident = await addResident(database.db, database.keys);
    // The real HTTP SMS adapter, pointed at a gateway stand-in that keeps what it gets.
    gateway = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        texts.push(JSON.parse(raw).text);
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const env = {
      DATABASE_URL: database.url!,
      ARC_DATA_KEY: Buffer.alloc(32, 7).toString('base64'), // = db/testing's testKeys
      ARC_ORIGINS: ORIGIN,
      ARC_RP_ID: RP_ID,
      ARC_SMS_GATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`,
      ARC_DEMO: '0',
      // Instances on one server database must share the presentation signing key.
      ARC_SIGNING_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      // …and the audit checkpoint key.
      ARC_AUDIT_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    };
    await Promise.all([a.start(env), b.start(env)]);
  }, 180_000);

  afterAll(async () => {
    a.stop();
    b.stop();
    await new Promise((r) => setTimeout(r, 500));
    await new Promise<void>((r) => gateway?.close(() => r()));
    await database?.close();
  });

  it('starts on one instance and finishes on the other, every step crossing over', async () => {
    const browser = new Browser();
    const phone = new TestPhone();

    const identify = await browser.post(a, '/api/enrollment/identify', {
      path: 'chip',
      locale: 'en',
      registrationNumber: resident.registrationNumber,
      cardSerial: resident.serial,
      birthDate: resident.birthDate,
    });
    expect(identify).toMatchObject({ status: 200, data: { step: 'sms' } });
    const code = texts.at(-1)!.match(/\b(\d{6})\b/)![1];

    expect(await browser.post(b, '/api/enrollment/sms/verify', { locale: 'en', code })).toMatchObject({ status: 200, data: { step: 'chip' } });

    const { data: chip } = await browser.post(a, '/api/enrollment/chip/challenge', {});
    const signature = Buffer.from(await new CardSimulator(TEST_CHIP_SECRET).signChallenge(resident.serial, Buffer.from(String(chip.challenge), 'base64url'))).toString('base64url');
    expect(await browser.post(b, '/api/enrollment/chip/verify', { challenge: chip.challenge, signature })).toMatchObject({ status: 200 });

    const { data: reg } = await browser.post(a, '/api/passkeys/registration/options', {});
    const answer = await phone.register(reg.options as never, { origin: ORIGIN });
    const issued = await browser.post(b, '/api/passkeys/registration/verify', answer);
    expect(issued.status).toBe(200);
    const credentialId = String(issued.data.credentialId);

    const { data: unlock } = await browser.post(a, '/api/passkeys/unlock/options', { credentialId });
    const unlocked = await browser.post(b, '/api/passkeys/unlock/verify', await phone.unlock(unlock.options as never, { origin: ORIGIN }));
    expect(unlocked).toMatchObject({ status: 200, data: { unlocked: true, credentialId } });

    const [row] = await database.db.select().from(credentials).where(eq(credentials.credentialId, credentialId));
    expect(row).toMatchObject({ residentId: resident.id, status: 'active', counter: 1 });
    console.info(`scale-out: server time per step (ms, Server-Timing): ${JSON.stringify(browser.timings)}`);
  }, 60_000);

  it('has no dev inbox and no card simulator outside a demo database', async () => {
    expect((await fetch(`${a.url}/en/dev/inbox`)).status).toBe(404);
    const simulator = await new Browser().post(b, '/api/enrollment/chip-simulator', { challenge: 'x'.repeat(43) });
    expect(simulator).toMatchObject({ status: 404, data: { error: { code: 'not_found' } } });
  });

  it('refuses on B a challenge already used on A (single use across instances)', async () => {
    const browser = new Browser();
    const other = await addResident(database.db, database.keys);
    await browser.post(a, '/api/enrollment/identify', {
      path: 'chip',
      locale: 'en',
      registrationNumber: other.registrationNumber,
      cardSerial: other.serial,
      birthDate: other.birthDate,
    });
    await browser.post(b, '/api/enrollment/sms/verify', { code: texts.at(-1)!.match(/\b(\d{6})\b/)![1] });
    const { data: chip } = await browser.post(a, '/api/enrollment/chip/challenge', {});
    const signature = Buffer.from(await new CardSimulator(TEST_CHIP_SECRET).signChallenge(other.serial, Buffer.from(String(chip.challenge), 'base64url'))).toString('base64url');
    // A different serial's signature first: refused, and the challenge is used up on A…
    const forged = Buffer.from(await new CardSimulator(TEST_CHIP_SECRET).signChallenge(resident.serial, Buffer.from(String(chip.challenge), 'base64url'))).toString('base64url');
    expect((await browser.post(a, '/api/enrollment/chip/verify', { challenge: chip.challenge, signature: forged })).data).toMatchObject({
      error: { code: 'enrollment.chip_signature_invalid' },
    });
    // …so B refuses the good signature over it.
    expect((await browser.post(b, '/api/enrollment/chip/verify', { challenge: chip.challenge, signature })).data).toMatchObject({
      error: { code: 'enrollment.chip_challenge_invalid' },
    });
  }, 60_000);
});
