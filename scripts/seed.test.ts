// The seed command, run as a user runs it: a separate process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, serverDatabaseUrl } from '@/lib/context/testing';
import { residents } from '@/db/schema';

const root = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-seed-cli-'));
  dirs.push(dir);
  return dir;
}

function runSeed(args: string[], env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', ARC_DATA_KEY: '', ...env };
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'seed.ts'), ...args], {
    cwd: root,
    env: childEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterEach(() => {
  for (const proc of children.splice(0)) proc.kill();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run db:seed', () => {
  it('refuses while another process holds the embedded database, naming it, and touches nothing', async () => {
    const dataDir = tempDir();
    const holder = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'db', 'lock.child.ts'), 'hold', dataDir, 'arc-mobile server (port 3000)'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(holder);
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const result = runSeed(['--residents', '100'], { ARC_DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('arc-mobile server (port 3000)');
    expect(result.stderr).toContain(`pid ${holder.pid}`);
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);
  }, 60_000);

  it('seeds a fresh embedded database, refuses it the second time, and appends with --append', () => {
    const dataDir = tempDir();
    const first = runSeed(['--residents', '500', '--seed', 'cli'], { ARC_DATA_DIR: dataDir });
    expect(first.stderr).not.toMatch(/Error/);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Seeded 500 synthetic residents and 4 demo residents');
    expect(first.stdout).toContain('The database now holds 504 residents.');
    expect(fs.existsSync(path.join(dataDir, 'chip-simulator.key'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'arc.lock'))).toBe(false);

    const again = runSeed(['--residents', '500', '--seed', 'cli'], { ARC_DATA_DIR: dataDir });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already has residents');
    expect(again.stderr).toContain('--append');

    const appended = runSeed(['--residents', '200', '--append'], { ARC_DATA_DIR: dataDir });
    expect(appended.status).toBe(0);
    expect(appended.stdout).toContain('The database now holds 704 residents.');
  }, 120_000);

  it('explains its arguments, and rejects bad ones with status 2', () => {
    const help = runSeed(['--help'], {});
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--append');
    expect(help.stdout).toContain('ARC_DATA_DIR');
    expect(runSeed([], {}).status).toBe(2);
    expect(runSeed(['--residents', '-5'], {}).status).toBe(2);
    expect(runSeed(['--residents', '10', '--as-of', 'yesterday'], {}).status).toBe(2);
    expect(runSeed(['--residents', '10', '--bogus'], {}).status).toBe(2);
  }, 60_000);

  it.skipIf(!serverDatabaseUrl())('on PostgreSQL: refuses without ARC_DATA_KEY, seeds with it', async () => {
    const database = await openTestDatabase();
    try {
      const refused = runSeed(['--residents', '50'], { DATABASE_URL: database.url });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('ARC_DATA_KEY');
      const key = Buffer.alloc(32, 3).toString('base64');
      const seeded = runSeed(['--residents', '300'], { DATABASE_URL: database.url, ARC_DATA_KEY: key });
      expect(seeded.status).toBe(0);
      expect(seeded.stdout).toContain('Seeded 300 synthetic residents');
      expect(seeded.stderr).toContain('PostgreSQL (DATABASE_URL)');
      expect(await database.db.$count(residents)).toBe(304);
    } finally {
      await database.close();
    }
  }, 60_000);
});
