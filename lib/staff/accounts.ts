// Staff accounts: invitations, roles, the list an admin sees, demo staff.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { staff, staffCredentials, staffInvites, type StaffRole } from '@/db/schema';
import type { Db, Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { systemClock } from '@/lib/clock';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { decryptField, encryptField, endSessionsOf, type DataKeys } from '@/lib/security';
import { staffErrors } from './errors';

export const STAFF_ROLES = ['officer', 'analyst', 'partner', 'admin'] as const satisfies readonly StaffRole[];
export type { StaffRole };

export const INVITE_TTL_MS = 72 * 3600_000;

const NAME_AAD = 'staff.display_name';
const HANDLE_AAD = 'staff.handle';

/** Login handles look like e-mail addresses or plain names: "kim.officer@immigration.example". */
export function normaliseHandle(handle: string): string | null {
  const h = handle.trim().toLowerCase();
  if (h.length < 3 || h.length > 120) return null;
  if (!/^[a-z0-9][a-z0-9._+-]*(@[a-z0-9-]+(\.[a-z0-9-]+)*)?$/.test(h)) return null;
  return h;
}

export function handleHash(keys: DataKeys, handle: string): Buffer {
  return createHmac('sha256', keys.lookup).update(`staff-handle:${handle}`).digest();
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

const INVITE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type StaffSummary = {
  id: string;
  role: StaffRole;
  status: 'invited' | 'active' | 'disabled';
  displayName: string;
  handle: string;
  demo: boolean;
  passkeys: number;
  createdAt: Date;
};

export type CreatedInvite = { inviteId: string; staffId: string; token: string; expiresAt: Date };

/**
 * An admin invites a new staff member: the account is created 'invited'
 * with its role, and a one-time link token (256 bits; only its SHA-256 is
 * stored) lets the invitee register a passkey within 72 hours.
 */
export async function inviteStaff(
  db: Db,
  clock: Clock,
  keys: DataKeys,
  input: { actorId: string; displayName: string; handle: string; role: StaffRole },
): Promise<CreatedInvite> {
  const { handle, displayName } = checkInvitee(input);
  return db.transaction(async (tx) => {
    const hash = handleHash(keys, handle);
    const [existing] = await tx.select({ id: staff.id }).from(staff).where(eq(staff.handleHash, hash));
    if (existing) throw staffErrors.create('handle_taken');
    const staffId = await insertInvitedStaff(tx, clock, keys, { handle, displayName, role: input.role });
    return issueInvite(tx, clock, {
      staffId,
      invitedBy: input.actorId,
      actor: { kind: 'staff', id: input.actorId },
      detail: { role: input.role },
    });
  });
}

function checkInvitee(input: { displayName: string; handle: string }): { handle: string; displayName: string } {
  const handle = normaliseHandle(input.handle);
  if (!handle) throw staffErrors.create('handle_invalid');
  const displayName = input.displayName.trim();
  if (displayName.length < 1 || displayName.length > 100) throw staffErrors.create('name_invalid');
  return { handle, displayName };
}

async function insertInvitedStaff(
  tx: Executor,
  clock: Clock,
  keys: DataKeys,
  input: { handle: string; displayName: string; role: StaffRole },
): Promise<string> {
  const now = clock.now();
  const [member] = await tx
    .insert(staff)
    .values({
      role: input.role,
      status: 'invited',
      handleHash: handleHash(keys, input.handle),
      handleEnc: encryptField(keys, input.handle, HANDLE_AAD),
      displayNameEnc: encryptField(keys, input.displayName, NAME_AAD),
      webauthnUserId: randomBytes(32),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: staff.id });
  if (!member) throw staffErrors.create('handle_taken');
  return member.id;
}

/** A one-time link for an 'invited' account, and its audit entry (staff.invited). */
async function issueInvite(
  tx: Executor,
  clock: Clock,
  input: { staffId: string; invitedBy: string | null; actor: AuditActor; detail: Record<string, unknown> },
): Promise<CreatedInvite> {
  const now = clock.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const [invite] = await tx
    .insert(staffInvites)
    .values({ tokenHash: hashToken(token), staffId: input.staffId, invitedBy: input.invitedBy, createdAt: now, expiresAt })
    .returning({ id: staffInvites.id });
  await recordAudit(tx, clock, {
    actor: input.actor,
    action: 'staff.invited',
    subject: { kind: 'staff', id: input.staffId },
    detail: { ...input.detail, inviteId: invite!.id, expiresAt: expiresAt.toISOString() },
  });
  return { inviteId: invite!.id, staffId: input.staffId, token, expiresAt };
}

/** The audit log's actor for invitations made with `npm run staff:invite` (no staff member made them). */
export const COMMAND_LINE_ACTOR = { kind: 'system', id: 'command-line' } as const satisfies AuditActor;

/** `npm run staff:invite` refused: the database already has an active admin (and --force was not given). */
export class StaffBootstrapRefusedError extends Error {
  constructor(readonly activeAdmins: number) {
    super(
      `this database already has ${activeAdmins} active admin${activeAdmins === 1 ? '' : 's'}: ` +
        'an admin invites staff on the staff admin page (/<locale>/staff/admin). ' +
        'Use --force only if no admin can sign in any more (every admin lost their passkeys).',
    );
    this.name = 'StaffBootstrapRefusedError';
  }
}

// Serialises command-line invitations, so two at once cannot both see "no admin yet".
const BOOTSTRAP_LOCK_KEY = 0x41524353;

/**
 * An invitation made from the command line (npm run staff:invite), for
 * the first admin of a real install, whom no staff member can invite.
 * The rule: allowed only while the database has no active admin who can
 * sign in (demo accounts do not count: they sign in only on the demo);
 * `force` also allows it when one exists (every admin lost their
 * passkeys), and the audit entry says so. Anyone who can run it already
 * holds the database and its key, so it grants nothing new; the audit
 * entry (actor: system / command-line) keeps it visible.
 *
 * A handle whose account is still 'invited' with the same role (its link
 * expired or was lost) gets a new link; the earlier unused links for it
 * stop working at once.
 */
export async function inviteStaffFromCommandLine(
  db: Db,
  clock: Clock,
  keys: DataKeys,
  input: { displayName: string; handle: string; role: StaffRole; force?: boolean },
): Promise<CreatedInvite & { reissued: boolean }> {
  const { handle, displayName } = checkInvitee(input);
  const force = input.force === true;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
    const admins = await countActiveAdmins(tx);
    if (admins > 0 && !force) throw new StaffBootstrapRefusedError(admins);
    const [existing] = await tx
      .select({ id: staff.id, role: staff.role, status: staff.status })
      .from(staff)
      .where(eq(staff.handleHash, handleHash(keys, handle)))
      .for('update');
    if (existing && (existing.status !== 'invited' || existing.role !== input.role)) throw staffErrors.create('handle_taken');
    let staffId: string;
    if (existing) {
      staffId = existing.id;
      const now = clock.now();
      await tx
        .update(staffInvites)
        .set({ expiresAt: now })
        .where(and(eq(staffInvites.staffId, staffId), isNull(staffInvites.usedAt), gt(staffInvites.expiresAt, now)));
    } else {
      staffId = await insertInvitedStaff(tx, clock, keys, { handle, displayName, role: input.role });
    }
    const invite = await issueInvite(tx, clock, {
      staffId,
      invitedBy: null,
      actor: COMMAND_LINE_ACTOR,
      detail: { role: input.role, via: 'command-line', forced: force && admins > 0, reissued: Boolean(existing) },
    });
    return { ...invite, reissued: Boolean(existing) };
  });
}

/** Active admins who can sign in with a passkey (the demo's accounts excluded). */
export async function countActiveAdmins(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(staff)
    .where(and(eq(staff.role, 'admin'), eq(staff.status, 'active'), eq(staff.demo, false)));
  return Number(row?.n ?? 0);
}

export type OpenInvite = {
  inviteId: string;
  staffId: string;
  role: StaffRole;
  displayName: string;
  handle: string;
  webauthnUserId: Buffer;
  expiresAt: Date;
};

/** The invitation a link token names, if it can still be used; throws invite_unknown / _expired / _used. */
export async function openInvite(db: Executor, clock: Clock, keys: DataKeys, token: string): Promise<OpenInvite> {
  if (!INVITE_TOKEN_PATTERN.test(token)) throw staffErrors.create('invite_unknown');
  const [row] = await db
    .select({ invite: staffInvites, member: staff })
    .from(staffInvites)
    .innerJoin(staff, eq(staff.id, staffInvites.staffId))
    .where(eq(staffInvites.tokenHash, hashToken(token)));
  if (!row) throw staffErrors.create('invite_unknown');
  if (row.invite.usedAt) throw staffErrors.create('invite_used');
  if (row.invite.expiresAt <= clock.now()) throw staffErrors.create('invite_expired');
  if (row.member.status === 'disabled') throw staffErrors.create('account_disabled');
  return {
    inviteId: row.invite.id,
    staffId: row.member.id,
    role: row.member.role,
    displayName: decryptField(keys, row.member.displayNameEnc, NAME_AAD),
    handle: decryptField(keys, row.member.handleEnc, HANDLE_AAD),
    webauthnUserId: row.member.webauthnUserId,
    expiresAt: row.invite.expiresAt,
  };
}

/** Marks an invitation used; throws invite_used when another request got there first. */
export async function useInvite(tx: Executor, clock: Clock, inviteId: string): Promise<void> {
  const done = await tx
    .update(staffInvites)
    .set({ usedAt: clock.now() })
    .where(and(eq(staffInvites.id, inviteId), isNull(staffInvites.usedAt)))
    .returning({ id: staffInvites.id });
  if (done.length !== 1) throw staffErrors.create('invite_used');
}

/**
 * An admin changes a staff member's role. Their open sessions end in the same
 * transaction: a session never outlives the role it was opened with (they
 * sign in again, with the new role).
 */
export async function changeStaffRole(
  db: Db,
  clock: Clock,
  input: { actorId: string; staffId: string; role: StaffRole },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [member] = await tx.select({ role: staff.role }).from(staff).where(eq(staff.id, input.staffId)).for('update');
    if (!member) throw staffErrors.create('staff_unknown');
    if (member.role === input.role) return;
    if (member.role === 'admin') await assertAnotherAdmin(tx, input.staffId);
    await tx.update(staff).set({ role: input.role, updatedAt: clock.now() }).where(eq(staff.id, input.staffId));
    const sessionsEnded = await endSessionsOf(tx, clock, 'staff', input.staffId);
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.actorId },
      action: 'staff.role_changed',
      subject: { kind: 'staff', id: input.staffId },
      detail: { from: member.role, to: input.role, sessionsEnded },
    });
  });
}

async function assertAnotherAdmin(tx: Executor, staffId: string): Promise<void> {
  const [other] = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.role, 'admin'), eq(staff.status, 'active'), ne(staff.id, staffId)))
    .limit(1);
  if (!other) throw staffErrors.create('last_admin');
}

/** Every staff member, names decrypted, for the admin page. */
export async function listStaff(db: Executor, keys: DataKeys): Promise<StaffSummary[]> {
  const rows = await db.select().from(staff).orderBy(asc(staff.createdAt), asc(staff.id));
  const counts = await db
    .select({ staffId: staffCredentials.staffId, n: sql<number>`count(*)::int` })
    .from(staffCredentials)
    .where(isNull(staffCredentials.revokedAt))
    .groupBy(staffCredentials.staffId);
  const countOf = new Map(counts.map((c) => [c.staffId, Number(c.n)]));
  return rows.map((member) => ({
    id: member.id,
    role: member.role,
    status: member.status,
    displayName: decryptField(keys, member.displayNameEnc, NAME_AAD),
    handle: decryptField(keys, member.handleEnc, HANDLE_AAD),
    demo: member.demo,
    passkeys: countOf.get(member.id) ?? 0,
    createdAt: member.createdAt,
  }));
}

export async function getStaffMember(
  db: Executor,
  keys: DataKeys,
  staffId: string,
): Promise<(Omit<StaffSummary, 'passkeys'> & { webauthnUserId: Buffer }) | null> {
  if (!/^[0-9a-f-]{36}$/i.test(staffId)) return null;
  const [member] = await db.select().from(staff).where(eq(staff.id, staffId));
  if (!member) return null;
  return {
    id: member.id,
    role: member.role,
    status: member.status,
    displayName: decryptField(keys, member.displayNameEnc, NAME_AAD),
    handle: decryptField(keys, member.handleEnc, HANDLE_AAD),
    demo: member.demo,
    createdAt: member.createdAt,
    webauthnUserId: member.webauthnUserId,
  };
}

/** The demo staff: one per role, signed in on the demo page (no passkey needed there). */
export const DEMO_STAFF: ReadonlyArray<{ role: StaffRole; handle: string; displayName: string }> = [
  { role: 'officer', handle: 'officer@demo.arc', displayName: 'Demo officer (Park Ji-won)' },
  { role: 'analyst', handle: 'analyst@demo.arc', displayName: 'Demo analyst (Lee Seo-yeon)' },
  { role: 'partner', handle: 'partner@demo.arc', displayName: 'Demo partner (Nguyen Thi Lan)' },
  { role: 'admin', handle: 'admin@demo.arc', displayName: 'Demo admin (Choi Min-ho)' },
];

/**
 * Seeds the demo staff into a demo database (idempotent: an account whose
 * handle exists is left alone). Called by db/seed's seedIfEmpty.
 */
export async function seedDemoStaff(db: Executor, keys: DataKeys, clock: Clock = systemClock): Promise<void> {
  const now = clock.now();
  for (const d of DEMO_STAFF) {
    await db
      .insert(staff)
      .values({
        role: d.role,
        status: 'active',
        handleHash: handleHash(keys, d.handle),
        handleEnc: encryptField(keys, d.handle, HANDLE_AAD),
        displayNameEnc: encryptField(keys, d.displayName, NAME_AAD),
        webauthnUserId: randomBytes(32),
        demo: true,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
  }
}
