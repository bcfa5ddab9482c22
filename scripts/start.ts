// npm start: build if needed, then serve. The server process opens, migrates
// and (first time) seeds the embedded database itself (instrumentation.ts),
// so no second process ever touches the PGlite data directory.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readConfig } from '../lib/config';
import { LOCK_FILE, type LockHolder } from '../db/lock';

const root = path.resolve(import.meta.dirname, '..');
const distDir = process.env.NEXT_DIST_DIR || '.next';
const stampFile = path.join(root, distDir, 'arc-source-stamp');

/** A fingerprint of the sources: the build is redone when it changes. */
function sourceStamp(): string {
  const git = spawnSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
  const dirty = spawnSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=normal'], { encoding: 'utf8' });
  if (git.status !== 0) return 'no-git';
  return createHash('sha256').update(git.stdout).update(dirty.stdout ?? '').digest('hex');
}

function refuseIfLocked(dataDir: string) {
  const file = path.join(dataDir, LOCK_FILE);
  if (!fs.existsSync(file)) return;
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
    process.kill(holder.pid, 0);
    console.error(
      `ARC Mobile is already running on ${dataDir}: "${holder.command}" (pid ${holder.pid}, since ${holder.since}). ` +
        'Stop it first, or set ARC_DATA_DIR to another folder.',
    );
    process.exit(1);
  } catch {
    // No such process: a stale lock, which the server takes over.
  }
}

const config = readConfig();
if (config.database === 'pglite') refuseIfLocked(config.dataDir);

// The prerendered pages carry the demo banner and the origin of their language
// links (scripts/static-build.ts): a change to either rebuilds them too.
const stamp = `${sourceStamp()} demo=${config.demo ? 1 : 0} origins=${config.origins.join(',')}`;
const built = fs.existsSync(path.join(root, distDir, 'BUILD_ID'));
const upToDate = built && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp;
if (!upToDate) {
  console.log(built ? 'Sources changed since the last build: building…' : 'First start: building the app…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stampFile, stamp);
}

console.log(
  `Starting ARC Mobile on http://localhost:${config.port} (${config.database === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
);
// scripts/server.ts: Next's handler, plus the verification fast path.
const server = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'server.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', PORT: String(config.port), NEXT_DIST_DIR: distDir },
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
