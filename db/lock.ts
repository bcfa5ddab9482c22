// PGlite has no cross-process locking: two processes on one data directory
// corrupt it. Every process that opens the embedded database first takes
// this lock file; a second one refuses at once, naming the holder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'arc.lock';

export type LockHolder = { pid: number; host: string; command: string; since: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by "${holder.command}" (pid ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
        `Stop that process first, or point ARC_DATA_DIR or DATABASE_URL elsewhere. ` +
        `(If no such process runs, delete ${path.join(dataDir, LOCK_FILE)}.)`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process whose parent has not reaped it yet (a zombie: SIGKILLed
  // a moment ago) still answers signal 0, but will never run again.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (not Linux): signal 0 is all there is
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

export type DataDirLock = { release(): void; holder: LockHolder };

/** Takes the lock or throws DataDirLockedError. Stale locks of dead processes are taken over. */
export function lockDataDir(dataDir: string, command: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o644 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        if (readHolder(file)?.pid === me.pid) fs.rmSync(file, { force: true });
      };
      process.on('exit', release);
      return { release, holder: me };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder && holder.pid === process.pid && holder.host === me.host) {
      // This process already holds it (a second open in one process, e.g. dev reload).
      return { release: () => {}, holder };
    }
    const sameHost = !holder || holder.host === me.host;
    if (holder && (!sameHost || isAlive(holder.pid))) throw new DataDirLockedError(dataDir, holder);
    // A dead holder on this host, or an unreadable half-written file: take it over.
    fs.rmSync(file, { force: true });
  }
  const holder = readHolder(file);
  throw new DataDirLockedError(dataDir, holder ?? { pid: 0, host: '?', command: 'unknown', since: '?' });
}
