// The two modes of the embedded database, as the app opens it: the demo
// (seeded on first start) and a real install (ARC_DEMO=0: no demo data, no
// demo sign-in, no simulator). A data directory seeded as the demo and then
// started with ARC_DEMO=0 must not serve the demo; a real install started
// later without ARC_DEMO=0 must not be seeded with demo accounts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { residents, settings, staff } from '@/db/schema';
import { readConfig } from '@/lib/config';
import { createSmsSender } from '@/lib/sms';
import { demoSignIn, demoSignInAvailable } from '@/lib/staff';
import { createAppContext, modeLine, type AppContext } from '.';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-context-'));
  dirs.push(dir);
  return dir;
}

async function open(dataDir: string, env: Record<string, string>): Promise<{ app: AppContext; lines: string[] }> {
  const lines: string[] = [];
  const config = readConfig({ ARC_DATA_DIR: dataDir, ARC_SEED_RESIDENTS: '0', ...env });
  const app = await createAppContext(config, { holder: 'context.test', log: (l) => lines.push(l) });
  return { app, lines };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe('createAppContext on the embedded database', () => {
  it('a demo data directory started with ARC_DEMO=0 serves no demo features', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir, {});
    try {
      expect(first.app.demo).toBe(true);
      expect(await first.app.db.$count(residents)).toBe(4); // the demo residents
      expect(await first.app.db.$count(staff)).toBe(4); // the demo accounts
      expect(createSmsSender(first.app).kind).toBe('simulator');
      expect(await demoSignInAvailable(first.app.db, first.app)).toBe(true);
      expect(first.lines).toHaveLength(1);
      expect(first.lines[0]).toMatch(/^ARC Mobile: demo mode .* embedded database \(PGlite\)/);
    } finally {
      await first.app.database.close();
    }

    const real = await open(dataDir, { ARC_DEMO: '0' });
    try {
      expect(real.app.demo).toBe(false);
      expect(await demoSignInAvailable(real.app.db, real.app)).toBe(false);
      expect(await code(demoSignIn(real.app.db, real.app.clock, real.app, { role: 'admin' }))).toBe('staff.demo_unavailable');
      // Even a caller that passes the configuration is refused: it says no demo.
      expect(await code(demoSignIn(real.app.db, real.app.clock, real.app.config, { role: 'admin' }))).toBe('staff.demo_unavailable');
      const sms = createSmsSender(real.app);
      expect(sms.kind).toBe('unconfigured');
      await expect(sms.send({ to: '010-1234-5678', body: 'x', locale: 'en' }, { tx: real.app.db, clock: real.app.clock })).rejects.toMatchObject({
        code: 'enrollment.sms_unavailable',
      });
      expect(real.lines[0]).toMatch(/^ARC Mobile: real mode .* embedded database/);
      expect(real.lines[0]).toContain('SMS: NOT CONFIGURED');
    } finally {
      await real.app.database.close();
    }
  }, 120_000);

  it('ARC_DEMO=0 on a fresh directory seeds nothing and stays real when later started without ARC_DEMO', async () => {
    const dataDir = tempDir();
    const real = await open(dataDir, { ARC_DEMO: '0' });
    try {
      expect(real.app.demo).toBe(false);
      expect(await real.app.db.$count(residents)).toBe(0);
      expect(await real.app.db.$count(staff)).toBe(0);
      expect(await real.app.db.select().from(settings)).toEqual([expect.objectContaining({ key: 'demo', value: false })]);
    } finally {
      await real.app.database.close();
    }

    // ARC_DEMO forgotten on the next start: still no demo data, accounts or sign-in, and the log says why.
    const again = await open(dataDir, {});
    try {
      expect(again.app.config.demo).toBe(true);
      expect(again.app.demo).toBe(false);
      expect(await again.app.db.$count(residents)).toBe(0);
      expect(await again.app.db.$count(staff)).toBe(0);
      expect(again.lines[0]).toMatch(/^ARC Mobile: real mode/);
      expect(again.lines[1]).toMatch(/set up as a real install.*ARC_DEMO=0/);
    } finally {
      await again.app.database.close();
    }
  }, 120_000);
});

describe('modeLine', () => {
  it('names the mode, the database kind and the SMS sender, never a secret', () => {
    const postgres = readConfig({
      DATABASE_URL: 'postgres://arc:hunter2@db.internal:5432/arc',
      ARC_SMS_GATEWAY_URL: 'https://user:pw@sms.example/send?key=s3cret',
      ARC_SMS_GATEWAY_TOKEN: 'tok-123',
    });
    const line = modeLine(postgres, false);
    expect(line).toBe('ARC Mobile: real mode (no demo data, demo sign-in or simulators) on PostgreSQL (DATABASE_URL); SMS: HTTP gateway sms.example');
    for (const secret of ['hunter2', 'db.internal', 's3cret', 'tok-123', 'pw']) expect(line).not.toContain(secret);
  });
});
