import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './lock';

const child = path.join(import.meta.dirname, 'lock.child.ts');
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-lock-'));
  dirs.push(dir);
  return dir;
}

/** Starts a process that holds the lock; resolves once it does. */
async function holdInChild(dataDir: string, command: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, 'hold', dataDir, command], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(proc);
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (data: Buffer) => {
      if (data.toString().startsWith('locked')) resolve();
    });
    proc.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return proc;
}

function tryInChild(dataDir: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', child, 'try', dataDir, 'second process'], { encoding: 'utf8' });
  return { status: result.status, out: JSON.parse(result.stdout.trim() || 'null') };
}

afterEach(() => {
  for (const proc of children.splice(0)) proc.kill();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the data-directory lock', () => {
  it('refuses a second process while one holds it, naming the holder', async () => {
    const dir = tempDir();
    const holder = await holdInChild(dir, 'arc-mobile server (port 3000)');
    let error: unknown;
    try {
      lockDataDir(dir, 'npm run db:seed');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    const locked = error as DataDirLockedError;
    expect(locked.holder).toMatchObject({ pid: holder.pid, host: os.hostname(), command: 'arc-mobile server (port 3000)' });
    expect(locked.message).toContain('arc-mobile server (port 3000)');
    expect(locked.message).toContain(`pid ${holder.pid}`);
  });

  it('is refused to another process while this one holds it, and free again once released', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir, 'vitest holder');
    const refused = tryInChild(dir);
    expect(refused.status).toBe(3);
    expect(refused.out).toMatchObject({ taken: false, holder: { pid: process.pid, command: 'vitest holder' } });
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const taken = tryInChild(dir);
    expect(taken.status).toBe(0);
    expect(taken.out).toMatchObject({ taken: true });
  });

  it('takes over the stale lock of a process that is gone', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    const stale = { pid: deadPid, host: os.hostname(), command: 'crashed server', since: '2026-01-01T00:00:00.000Z' };
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(stale));
    const lock = lockDataDir(dir, 'new server');
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, command: 'new server' });
    lock.release();
  });

  it.skipIf(process.platform !== 'linux')('takes over the lock of a process killed a moment ago that its parent has not reaped yet (a zombie)', async () => {
    const dir = tempDir();
    // A parent that forks a child which dies at once, and does not reap it for a while.
    const parent = spawn('python3', ['-c', 'import os,sys,time\npid=os.fork()\nif pid==0: os._exit(0)\nprint(pid,flush=True)\ntime.sleep(20)'], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(parent);
    const zombie = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (d) => resolve(String(d)))));
    await expect.poll(() => fs.readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]![0]).toBe('Z');
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: zombie, host: os.hostname(), command: 'server killed a moment ago', since: '2026-01-01T00:00:00.000Z' }));
    const lock = lockDataDir(dir, 'restarted server');
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, command: 'restarted server' });
    lock.release();
  });

  it('never takes over a lock held from another host', () => {
    const dir = tempDir();
    const remote = { pid: 1, host: 'another-host', command: 'server elsewhere', since: '2026-01-01T00:00:00.000Z' };
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(remote));
    expect(() => lockDataDir(dir, 'here')).toThrow(/another-host/);
  });

  it('keeps the embedded database closed to a second process: openDatabase refuses before opening', async () => {
    const dir = tempDir();
    await holdInChild(dir, 'arc-mobile server (port 3100)');
    await expect(openDatabase({ kind: 'pglite', dataDir: dir, holder: 'npm run audit:verify' })).rejects.toThrow(
      /in use by "arc-mobile server \(port 3100\)"/,
    );
    expect(fs.existsSync(path.join(dir, 'pglite'))).toBe(false);
  });
});
