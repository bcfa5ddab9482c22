// npm run audit:verify: the check behind it on a test database, then the
// command itself as an auditor runs it: exit 0 and one line for a whole
// chain, exit 1 naming the first bad entry, exit 3 (naming the holder)
// while another process holds the embedded database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { fixedClock } from '@/lib/clock';
import { openDatabase } from '@/db/client';
import { AUDIT_KEY_FILE, recordAudit, resolveAuditKey, sealCheckpointIfDue, type AuditKey } from '@/lib/audit';
import { auditVerify, keysFromArgument, parseAuditVerifyArgs, UsageError } from './audit-verify';

const clock = fixedClock('2026-05-04T01:00:00Z');
const root = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-audit-verify-'));
  dirs.push(dir);
  return dir;
}

async function appendEntries(db: Parameters<typeof recordAudit>[0], n: number) {
  for (let i = 1; i <= n; i++) {
    clock.advance(1000);
    await recordAudit(db, clock, { actor: { kind: 'staff', id: i }, action: 'staff.signed_in', detail: { method: 'passkey' } });
  }
}

function run(env: Record<string, string>, args: string[] = []) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'ARC_DATA_DIR', 'ARC_AUDIT_KEY'].includes(k)));
  return spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'audit-verify.ts'), ...args], {
    cwd: root,
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('parseAuditVerifyArgs', () => {
  it('takes --json, --at and any number of --key', () => {
    const key = resolveAuditKey({ database: 'pglite', dataDir: tempDir() });
    expect(parseAuditVerifyArgs([])).toEqual({ json: false, at: undefined, keys: [] });
    const args = parseAuditVerifyArgs(['--json', '--at', '12', '--key', JSON.stringify(key.jwk)]);
    expect(args).toMatchObject({ json: true, at: 12 });
    expect(args !== 'help' && args.keys.map((k) => k.keyId)).toEqual([key.keyId]);
    expect(parseAuditVerifyArgs(['--help'])).toBe('help');
  });

  it('takes the published endpoint’s answer, or a file holding it, as --key', () => {
    const key = resolveAuditKey({ database: 'pglite', dataDir: tempDir() });
    const answer = JSON.stringify({ checkpoint: null, keys: [{ kid: key.keyId, ...key.jwk, alg: 'EdDSA', use: 'sig' }] });
    expect(keysFromArgument(answer).map((k) => k.keyId)).toEqual([key.keyId]);
    const file = path.join(tempDir(), 'published.json');
    fs.writeFileSync(file, answer);
    expect(keysFromArgument(file).map((k) => k.keyId)).toEqual([key.keyId]);
  });

  it.each([
    [['--at', '0'], /--at must be an entry number/],
    [['--at', 'x'], /--at must be an entry number/],
    [['--key', '{"kty":"EC"}'], /Ed25519 public key/],
    [['--key', '/no/such/file'], /neither a JWK nor a readable file/],
    [['--what'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseAuditVerifyArgs(argv)).toThrow(UsageError);
    expect(() => parseAuditVerifyArgs(argv)).toThrow(message);
  });
});

describe('auditVerify on a test database', () => {
  let database: TestDatabase;
  let key: AuditKey;
  let dataDir: string;
  beforeAll(async () => {
    database = await openTestDatabase();
    dataDir = tempDir();
    key = resolveAuditKey({ database: 'pglite', dataDir });
    await appendEntries(database.db, 30);
    await sealCheckpointIfDue(database.db, clock, key);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('a whole chain: status 0 and one line with the entries, the head and the last checkpoint', async () => {
    const outcome = await auditVerify({ db: database.db, config: { database: 'pglite', dataDir } }, { json: false, at: 30, keys: [] });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.keysFrom).toBe('configured');
    expect(outcome.line).toMatch(/^audit:verify: the chain is whole: 30 entries, head [0-9a-f]{64}; last signed checkpoint 30 entries at 2026-05-04T01:00:30\.000Z \(key [\w-]{43}; 1 checkpoints checked\); entry 30 hashes to [0-9a-f]{64} \(\d+\.\d s\)$/);
    expect(outcome.line.split('\n')).toHaveLength(1);
  });

  it('without a configured key: the keys recorded in the database, and the line says so', async () => {
    const outcome = await auditVerify({ db: database.db, config: { database: 'postgres', dataDir } }, { json: false, keys: [] });
    expect(outcome).toMatchObject({ exitCode: 0, keysFrom: 'database' });
    expect(outcome.line).toContain('against the keys recorded in the database: pass --key');
  });

  it('a changed entry: status 1 naming it', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(auditEvents).set({ detail: { method: 'none' } }).where(eq(auditEvents.seq, 12));
    });
    const outcome = await auditVerify({ db: database.db, config: { database: 'pglite', dataDir } }, { json: false, keys: [] });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.line).toMatch(/^audit:verify: entry 12 is bad \(hash_mismatch\): entry 12 was changed after it was written/);
  });
});

describe('the command, on the embedded database', () => {
  it('exits 0 on a whole chain, 1 naming the first bad entry, 3 naming the holder while the app has it open', async () => {
    const dataDir = tempDir();
    const database = await openDatabase({ kind: 'pglite', dataDir, holder: 'audit-verify.test (as the app)' });
    try {
      await appendEntries(database.db, 8);
      await sealCheckpointIfDue(database.db, clock, resolveAuditKey({ database: 'pglite', dataDir }));
      expect(fs.existsSync(path.join(dataDir, AUDIT_KEY_FILE))).toBe(true);

      const locked = run({ ARC_DATA_DIR: dataDir });
      expect(locked.status).toBe(3);
      expect(locked.stderr).toMatch(/in use by "audit-verify\.test \(as the app\)" \(pid \d+/);
    } finally {
      await database.close();
    }

    const whole = run({ ARC_DATA_DIR: dataDir });
    expect(whole.stderr).toBe('');
    expect(whole.status).toBe(0);
    expect(whole.stdout).toMatch(/^audit:verify: the chain is whole: 8 entries, head [0-9a-f]{64}; last signed checkpoint 8 entries/);
    expect(whole.stdout.trim().split('\n')).toHaveLength(1);

    const json = run({ ARC_DATA_DIR: dataDir }, ['--json', '--at', '3']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, entries: 8, checkpoints: 1, hashAt: { seq: 3 }, keysFrom: 'configured' });

    const again = await openDatabase({ kind: 'pglite', dataDir, holder: 'audit-verify.test (tampering)' });
    try {
      await again.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.delete(auditEvents).where(eq(auditEvents.seq, 5));
      });
    } finally {
      await again.close();
    }
    const broken = run({ ARC_DATA_DIR: dataDir });
    expect(broken.status).toBe(1);
    expect(broken.stderr.trim()).toBe('audit:verify: entry 5 is bad (missing): entry 5 is missing (the next entry is 6): entries were deleted');

    expect(run({ ARC_DATA_DIR: dataDir }, ['--at', 'zero']).status).toBe(2);
  }, 180_000);
});

describe.runIf(process.env.DATABASE_URL)('the command, on PostgreSQL', () => {
  it('checks the database DATABASE_URL names, beside a running app', async () => {
    const database = await openTestDatabase();
    try {
      const key = resolveAuditKey({ database: 'pglite', dataDir: tempDir() });
      await appendEntries(database.db, 5);
      await sealCheckpointIfDue(database.db, clock, key);
      const pem = key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const whole = run({ DATABASE_URL: database.url!, ARC_AUDIT_KEY: pem }, ['--json']);
      expect(whole.status, whole.stderr).toBe(0);
      expect(JSON.parse(whole.stdout)).toMatchObject({ ok: true, entries: 5, checkpoints: 1, keysFrom: 'configured' });
      const otherKey = resolveAuditKey({ database: 'pglite', dataDir: tempDir() }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const wrongKey = run({ DATABASE_URL: database.url!, ARC_AUDIT_KEY: otherKey });
      expect(wrongKey.status).toBe(1);
      expect(wrongKey.stderr).toMatch(/entry 5 is bad \(checkpoint_unknown_key\)/);
    } finally {
      await database.close();
    }
  }, 120_000);
});
