// npm run staff:invite: the first admin of a real install. The function
// behind it on a test database (in-memory PGlite, or PostgreSQL when
// DATABASE_URL is set), then the command itself as a user runs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, settings, staff, staffInvites } from '@/db/schema';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { fixedClock } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { SoftAuthenticator } from '@/lib/passkeys/testing';
import {
  finishStaffRegistration,
  openInvite,
  seedDemoStaff,
  StaffBootstrapRefusedError,
  startStaffRegistration,
} from '@/lib/staff';
import { parseStaffInviteArgs, staffInvite, UsageError, type StaffInviteArgs } from './staff-invite';

const origin = 'https://arc.example.go.kr';
const webauthn = { rpId: 'arc.example.go.kr', origins: [origin] };
const clock = fixedClock('2026-05-04T01:00:00Z');
let database: TestDatabase;

function args(over: Partial<StaffInviteArgs> = {}): StaffInviteArgs {
  return { role: 'admin', name: 'Kim Min-ji', handle: 'kim.minji@immigration.example', locale: 'ko', force: false, ...over };
}

function deps() {
  return { db: database.db, clock, keys: database.keys, origin: `${origin}/` };
}

function tokenOf(link: string): string {
  return link.split('/').at(-1)!;
}

/** The invitee opens the link and registers a passkey: the account becomes an active admin. */
async function register(link: string): Promise<void> {
  const inviteToken = tokenOf(link);
  const options = await startStaffRegistration(database.db, clock, webauthn, database.keys, { inviteToken });
  const response = new SoftAuthenticator().register(options, { origin });
  await finishStaffRegistration(database.db, clock, webauthn, database.keys, { inviteToken, response });
}

beforeAll(async () => {
  database = await openTestDatabase();
  // The demo's accounts (a demo admin among them) do not count as an admin.
  await seedDemoStaff(database.db, database.keys, clock);
});
afterAll(async () => {
  await database?.close();
});

describe('parseStaffInviteArgs', () => {
  it('takes role, name, handle, locale and --force', () => {
    expect(parseStaffInviteArgs(['--role', 'admin', '--name', 'Kim Min-ji', '--handle', 'kim@x.example'])).toEqual({
      role: 'admin',
      name: 'Kim Min-ji',
      handle: 'kim@x.example',
      locale: 'en',
      force: false,
    });
    expect(parseStaffInviteArgs(['--role', 'officer', '--name', 'A', '--handle', 'a.b', '--locale', 'vi', '--force'])).toMatchObject({
      role: 'officer',
      locale: 'vi',
      force: true,
    });
    expect(parseStaffInviteArgs(['--help'])).toBe('help');
  });

  it('refuses missing or wrong arguments', () => {
    for (const argv of [
      [],
      ['--name', 'A', '--handle', 'a.b'],
      ['--role', 'root', '--name', 'A', '--handle', 'a.b'],
      ['--role', 'admin', '--handle', 'a.b'],
      ['--role', 'admin', '--name', 'A'],
      ['--role', 'admin', '--name', 'A', '--handle', 'a.b', '--locale', 'xx'],
      ['--role', 'admin', '--name', 'A', '--handle', 'a.b', '--bogus'],
    ]) {
      expect(() => parseStaffInviteArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
  });
});

describe('staffInvite (the first admin)', () => {
  let first: Awaited<ReturnType<typeof staffInvite>>;

  it('invites the first admin on a database without one: a one-time link that expires in 72 hours, audited as the command line', async () => {
    first = await staffInvite(deps(), args());
    expect(first.link).toMatch(new RegExp(`^${origin}/ko/staff/invite/[A-Za-z0-9_-]{43}$`));
    expect(first.expiresAt.toISOString()).toBe('2026-05-07T01:00:00.000Z');
    expect(first.reissued).toBe(false);

    const opened = await openInvite(database.db, clock, database.keys, tokenOf(first.link));
    expect(opened).toMatchObject({ staffId: first.staffId, role: 'admin', displayName: 'Kim Min-ji', handle: 'kim.minji@immigration.example' });
    const [invite] = await database.db.select().from(staffInvites).where(eq(staffInvites.id, first.inviteId));
    expect(invite!.invitedBy).toBeNull();

    const [entry] = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, first.staffId));
    expect(entry).toMatchObject({
      actorKind: 'system',
      actorId: 'command-line',
      action: 'staff.invited',
      detail: { role: 'admin', inviteId: first.inviteId, via: 'command-line', forced: false, reissued: false },
    });
    expect(JSON.stringify(entry!.detail)).not.toContain('Kim');

    // A database that is not a demo is now marked as a real install.
    const [mark] = await database.db.select().from(settings).where(eq(settings.key, 'demo'));
    expect(mark?.value).toBe(false);
  });

  it('gives a handle whose invitation is unused a new link, and the old one stops working', async () => {
    clock.advance(3600_000);
    const again = await staffInvite(deps(), args());
    expect(again).toMatchObject({ staffId: first.staffId, reissued: true });
    expect(again.link).not.toBe(first.link);
    await expect(openInvite(database.db, clock, database.keys, tokenOf(first.link))).rejects.toMatchObject({ code: 'staff.invite_expired' });
    first = again;
  });

  it('refuses a handle taken for another role', async () => {
    await expect(staffInvite(deps(), args({ role: 'officer' }))).rejects.toMatchObject({ code: 'staff.handle_taken' });
    await expect(staffInvite(deps(), args({ handle: 'x' }))).rejects.toBeInstanceOf(AppError);
  });

  it('refuses a second bootstrap admin once the first has registered a passkey; --force allows it, audited as forced', async () => {
    await register(first.link);
    const [member] = await database.db.select().from(staff).where(eq(staff.id, first.staffId));
    expect(member).toMatchObject({ role: 'admin', status: 'active', demo: false });

    const refused = staffInvite(deps(), args({ name: 'Lee', handle: 'lee@immigration.example' }));
    await expect(refused).rejects.toBeInstanceOf(StaffBootstrapRefusedError);
    await expect(refused).rejects.toThrow(/already has 1 active admin.*\/staff\/admin/);
    expect(await database.db.$count(staff)).toBe(5); // 4 demo + the first admin

    const forced = await staffInvite(deps(), args({ name: 'Lee', handle: 'lee@immigration.example', force: true }));
    const [entry] = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, forced.staffId));
    expect(entry).toMatchObject({ actorKind: 'system', action: 'staff.invited', detail: { forced: true } });
  });
});

describe('npm run staff:invite', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const dirs: string[] = [];
  const children: ChildProcess[] = [];

  function run(argv: string[], env: Record<string, string>) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'staff-invite.ts'), ...argv], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', ARC_DATA_KEY: '', ARC_ORIGINS: '', PORT: '3456', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  afterEach(() => {
    for (const child of children.splice(0)) child.kill();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('on an empty embedded database prints the link and its expiry; bad arguments are status 2', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-invite-cli-'));
    dirs.push(dataDir);
    const done = run(['--role', 'admin', '--name', 'Kim Min-ji', '--handle', 'kim@immigration.example'], { ARC_DATA_DIR: dataDir, ARC_DEMO: '0' });
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/^Invitation for Kim Min-ji \(admin\) on the embedded database in /);
    expect(done.stdout).toMatch(/\n {2}http:\/\/localhost:3456\/en\/staff\/invite\/[A-Za-z0-9_-]{43}\n/);
    expect(done.stdout).toMatch(/It expires \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 72 hours\) and works once\./);
    expect(fs.existsSync(path.join(dataDir, 'arc.lock'))).toBe(false);

    const bad = run(['--role', 'admin', '--name', 'Kim'], { ARC_DATA_DIR: dataDir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--handle');
    const help = run(['--help'], {});
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--force');
  }, 120_000);

  it('refuses while another process holds the embedded database, naming it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-invite-cli-'));
    dirs.push(dataDir);
    const holder = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'db', 'lock.child.ts'), 'hold', dataDir, 'arc-mobile server (port 3000)'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(holder);
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const result = run(['--role', 'admin', '--name', 'Kim', '--handle', 'kim@immigration.example'], { ARC_DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('arc-mobile server (port 3000)');
    expect(result.stderr).toContain(`pid ${holder.pid}`);
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);
  }, 60_000);
});
