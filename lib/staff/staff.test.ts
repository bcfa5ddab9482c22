import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { auditEvents, settings, staff, staffCredentials, staffInvites } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { SoftAuthenticator } from '@/lib/passkeys/testing';
import { createSession } from '@/lib/security';
import {
  authorizeStaff,
  changeStaffRole,
  demoSignIn,
  demoSignInAvailable,
  finishStaffRegistration,
  finishStaffSignIn,
  inviteStaff,
  listStaff,
  openInvite,
  seedDemoStaff,
  signOutStaff,
  startStaffRegistration,
  startStaffSignIn,
  type StaffRole,
} from '.';

const config = { rpId: 'localhost', origins: ['http://localhost:3000'] };
const origin = 'http://localhost:3000';

let database: TestDatabase;
let adminId: string;
const clock = fixedClock('2026-03-02T01:00:00Z');

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
}

async function demoIdOf(role: StaffRole): Promise<string> {
  const rows = await database.db.select().from(staff).where(eq(staff.role, role));
  return rows.find((r) => r.demo)!.id;
}

/** Invites someone and has them register a passkey on `phone`. */
async function enrolStaff(role: StaffRole, handle: string, phone = new SoftAuthenticator()) {
  const invite = await inviteStaff(database.db, clock, database.keys, { actorId: adminId, displayName: `Staff ${handle}`, handle, role });
  const options = await startStaffRegistration(database.db, clock, config, database.keys, { inviteToken: invite.token });
  const response = phone.register(options, { origin });
  const done = await finishStaffRegistration(database.db, clock, config, database.keys, { inviteToken: invite.token, response });
  return { ...done, phone, invite };
}

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemoStaff(database.db, database.keys, clock);
  adminId = await demoIdOf('admin');
});
afterAll(async () => {
  await database.close();
});

describe('demo staff', () => {
  it('seeds one active account per role, names encrypted, and does it once', async () => {
    await seedDemoStaff(database.db, database.keys, clock);
    const all = await listStaff(database.db, database.keys);
    const demo = all.filter((s) => s.demo);
    expect(demo.map((s) => s.role).sort()).toEqual(['admin', 'analyst', 'officer', 'partner']);
    expect(demo.every((s) => s.status === 'active')).toBe(true);
    const raw = await database.db.select().from(staff);
    for (const r of raw) expect(r.displayNameEnc.toString('utf8')).not.toContain('Demo');
  });

  it('demo sign-in exists only on a demo database run as the demo', async () => {
    expect(await demoSignInAvailable(database.db, { demo: true })).toBe(false);
    expect(await code(demoSignIn(database.db, clock, { demo: true }, { role: 'officer' }))).toBe('staff.demo_unavailable');
    await database.db.insert(settings).values({ key: 'demo', value: true });
    // A demo database served with ARC_DEMO=0 (AppContext.demo false): refused.
    expect(await demoSignInAvailable(database.db, { demo: false })).toBe(false);
    expect(await code(demoSignIn(database.db, clock, { demo: false }, { role: 'officer' }))).toBe('staff.demo_unavailable');
    expect(await demoSignInAvailable(database.db, { demo: true })).toBe(true);
    const { sessionToken } = await demoSignIn(database.db, clock, { demo: true }, { role: 'officer' });
    expect((await authorizeStaff(database.db, clock, database.keys, sessionToken, ['officer'])).role).toBe('officer');
  });
});

describe('role guard', () => {
  it('sends the anonymous to sign-in, refuses the wrong role, lets the right one through', async () => {
    expect(await code(authorizeStaff(database.db, clock, database.keys, undefined, ['officer']))).toBe('staff.not_signed_in');
    expect(await code(authorizeStaff(database.db, clock, database.keys, 'x'.repeat(43), ['officer']))).toBe('staff.not_signed_in');
    const analyst = await createSession(database.db, clock, { kind: 'staff', subjectId: await demoIdOf('analyst'), ttlMs: 60_000 });
    expect(await code(authorizeStaff(database.db, clock, database.keys, analyst, ['officer']))).toBe('staff.forbidden');
    expect(await code(authorizeStaff(database.db, clock, database.keys, analyst, ['admin']))).toBe('staff.forbidden');
    expect((await authorizeStaff(database.db, clock, database.keys, analyst, ['analyst'])).displayName).toContain('analyst');
    // A resident session is not a staff session, even for the same id.
    const resident = await createSession(database.db, clock, { kind: 'resident', subjectId: await demoIdOf('officer'), ttlMs: 60_000 });
    expect(await code(authorizeStaff(database.db, clock, database.keys, resident, ['officer']))).toBe('staff.not_signed_in');
  });

  it('a role change by an admin ends every open session of that member, in the same transaction, and is audited', async () => {
    const { staffId, sessionToken, phone } = await enrolStaff('analyst', 'switcher@immigration.example');
    const second = await createSession(database.db, clock, { kind: 'staff', subjectId: staffId, ttlMs: 60_000 });
    const bystander = await createSession(database.db, clock, { kind: 'staff', subjectId: await demoIdOf('analyst'), ttlMs: 60_000 });
    expect(await code(authorizeStaff(database.db, clock, database.keys, sessionToken, ['officer']))).toBe('staff.forbidden');
    await changeStaffRole(database.db, clock, { actorId: adminId, staffId, role: 'officer' });
    // Both sessions opened under the old role are over; someone else's is not.
    expect(await code(authorizeStaff(database.db, clock, database.keys, sessionToken, ['officer', 'analyst']))).toBe('staff.not_signed_in');
    expect(await code(authorizeStaff(database.db, clock, database.keys, second, ['officer', 'analyst']))).toBe('staff.not_signed_in');
    expect((await authorizeStaff(database.db, clock, database.keys, bystander, ['analyst'])).role).toBe('analyst');
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'staff.role_changed'));
    expect(audit.at(-1)).toMatchObject({ actorId: adminId, subjectId: staffId, detail: { from: 'analyst', to: 'officer', sessionsEnded: 2 } });
    // Signing in again gives a session with the new role.
    const options = await startStaffSignIn(database.db, clock, config);
    const again = await finishStaffSignIn(database.db, clock, config, { response: phone.authenticate(options, { origin }) });
    expect((await authorizeStaff(database.db, clock, database.keys, again.sessionToken, ['officer'])).role).toBe('officer');
  });

  it('a refused role change ends no session', async () => {
    const admin = await createSession(database.db, clock, { kind: 'staff', subjectId: adminId, ttlMs: 60_000 });
    expect(await code(changeStaffRole(database.db, clock, { actorId: adminId, staffId: adminId, role: 'analyst' }))).toBe('staff.last_admin');
    expect((await authorizeStaff(database.db, clock, database.keys, admin, ['admin'])).role).toBe('admin');
  });

  it('the last admin cannot lose the role', async () => {
    expect(await code(changeStaffRole(database.db, clock, { actorId: adminId, staffId: adminId, role: 'analyst' }))).toBe('staff.last_admin');
  });
});

describe('invitations', () => {
  it('registers a passkey once; the link cannot be used again', async () => {
    const { staffId, sessionToken, invite } = await enrolStaff('officer', 'kim.officer@immigration.example');
    expect((await authorizeStaff(database.db, clock, database.keys, sessionToken, ['officer'])).staffId).toBe(staffId);
    const [cred] = await database.db.select().from(staffCredentials).where(eq(staffCredentials.staffId, staffId));
    expect(cred).toMatchObject({ backupEligible: false, backedUp: false });
    expect(await code(openInvite(database.db, clock, database.keys, invite.token))).toBe('staff.invite_used');
    expect(await code(startStaffRegistration(database.db, clock, config, database.keys, { inviteToken: invite.token }))).toBe('staff.invite_used');
    const stored = await database.db.select().from(staffInvites).where(eq(staffInvites.id, invite.inviteId));
    expect(stored[0]!.tokenHash.toString('base64url')).not.toBe(invite.token);
  });

  it('two registrations racing on one link: one wins', async () => {
    const invite = await inviteStaff(database.db, clock, database.keys, { actorId: adminId, displayName: 'Racer', handle: 'racer', role: 'partner' });
    const o1 = await startStaffRegistration(database.db, clock, config, database.keys, { inviteToken: invite.token });
    const o2 = await startStaffRegistration(database.db, clock, config, database.keys, { inviteToken: invite.token });
    const results = await Promise.all(
      [o1, o2].map((o) =>
        code(finishStaffRegistration(database.db, clock, config, database.keys, { inviteToken: invite.token, response: new SoftAuthenticator().register(o, { origin }) })),
      ),
    );
    expect(results.sort()).toEqual(['ok', 'staff.invite_used']);
    expect(await database.db.select().from(staffCredentials).where(eq(staffCredentials.staffId, invite.staffId))).toHaveLength(1);
  });

  it('expires after 72 hours', async () => {
    const local = fixedClock(clock.now());
    const invite = await inviteStaff(database.db, local, database.keys, { actorId: adminId, displayName: 'Late', handle: 'late@immigration.example', role: 'analyst' });
    local.advance(72 * 3600_000 - 1000);
    const options = await startStaffRegistration(database.db, local, config, database.keys, { inviteToken: invite.token });
    local.advance(1000);
    expect(await code(openInvite(database.db, local, database.keys, invite.token))).toBe('staff.invite_expired');
    const response = new SoftAuthenticator().register(options, { origin });
    expect(await code(finishStaffRegistration(database.db, local, config, database.keys, { inviteToken: invite.token, response }))).toBe('staff.invite_expired');
  });

  it('refuses unknown links, taken and malformed handles', async () => {
    expect(await code(openInvite(database.db, clock, database.keys, 'A'.repeat(43)))).toBe('staff.invite_unknown');
    expect(await code(openInvite(database.db, clock, database.keys, '../../etc'))).toBe('staff.invite_unknown');
    expect(await code(inviteStaff(database.db, clock, database.keys, { actorId: adminId, displayName: 'X', handle: 'OFFICER@demo.arc', role: 'officer' }))).toBe('staff.handle_taken');
    expect(await code(inviteStaff(database.db, clock, database.keys, { actorId: adminId, displayName: 'X', handle: 'a b', role: 'officer' }))).toBe('staff.handle_invalid');
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'staff.invited'));
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain('immigration.example');
  });
});

describe('passkey sign-in', () => {
  it('signs in with the passkey, discoverably, and audits it; sign-out ends the session', async () => {
    const { staffId, phone } = await enrolStaff('officer', 'signin@immigration.example');
    const options = await startStaffSignIn(database.db, clock, config);
    expect(options.userVerification).toBe('required');
    expect(options.allowCredentials ?? []).toHaveLength(0);
    const done = await finishStaffSignIn(database.db, clock, config, { response: phone.authenticate(options, { origin }) });
    expect(done.staffId).toBe(staffId);
    await authorizeStaff(database.db, clock, database.keys, done.sessionToken, ['officer']);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, staffId));
    expect(audit.map((a) => a.action)).toContain('staff.signed_in');
    await signOutStaff(database.db, clock, done.sessionToken);
    expect(await code(authorizeStaff(database.db, clock, database.keys, done.sessionToken, ['officer']))).toBe('staff.not_signed_in');
  });

  it('every sign-in opens a new session and ends the one the browser held before', async () => {
    const { phone, sessionToken: fromRegistration } = await enrolStaff('officer', 'fresh@immigration.example');
    const first = await finishStaffSignIn(database.db, clock, config, {
      response: phone.authenticate(await startStaffSignIn(database.db, clock, config), { origin }),
      previousToken: fromRegistration,
    });
    expect(first.sessionToken).not.toBe(fromRegistration);
    expect(await code(authorizeStaff(database.db, clock, database.keys, fromRegistration, ['officer']))).toBe('staff.not_signed_in');
    const second = await finishStaffSignIn(database.db, clock, config, {
      response: phone.authenticate(await startStaffSignIn(database.db, clock, config), { origin }),
      previousToken: first.sessionToken,
    });
    expect(second.sessionToken).not.toBe(first.sessionToken);
    expect(await code(authorizeStaff(database.db, clock, database.keys, first.sessionToken, ['officer']))).toBe('staff.not_signed_in');
    await authorizeStaff(database.db, clock, database.keys, second.sessionToken, ['officer']);
    // The demo sign-in does the same.
    const demo = await demoSignIn(database.db, clock, { demo: true }, { role: 'officer', previousToken: second.sessionToken });
    expect(await code(authorizeStaff(database.db, clock, database.keys, second.sessionToken, ['officer']))).toBe('staff.not_signed_in');
    await authorizeStaff(database.db, clock, database.keys, demo.sessionToken, ['officer']);
  });

  describe('refusals', () => {
    let phone: SoftAuthenticator;
    beforeAll(async () => {
      ({ phone } = await enrolStaff('officer', 'refusals@immigration.example'));
    });
    const attempt = async (tamper: Parameters<SoftAuthenticator['authenticate']>[1], opts?: { reuse?: boolean }) => {
      const options = await startStaffSignIn(database.db, clock, config);
      const response = phone.authenticate(options, tamper);
      const first = await code(finishStaffSignIn(database.db, clock, config, { response }));
      if (!opts?.reuse) return first;
      return code(finishStaffSignIn(database.db, clock, config, { response: phone.authenticate(options, tamper) }));
    };

    it('a challenge the server never issued', async () => {
      expect(await attempt({ origin, challenge: Buffer.alloc(32, 1).toString('base64url') })).toBe('staff.passkey_challenge_invalid');
    });
    it('a challenge used once already', async () => {
      expect(await attempt({ origin }, { reuse: true })).toBe('staff.passkey_challenge_invalid');
    });
    it('an expired challenge', async () => {
      const local = fixedClock(clock.now());
      const options = await startStaffSignIn(database.db, local, config);
      local.advance(5 * 60_000 + 1);
      expect(await code(finishStaffSignIn(database.db, local, config, { response: phone.authenticate(options, { origin }) }))).toBe(
        'staff.passkey_challenge_expired',
      );
    });
    it('another origin', async () => {
      expect(await attempt({ origin: 'https://evil.example' })).toBe('staff.passkey_wrong_origin');
    });
    it('another RP ID', async () => {
      expect(await attempt({ origin, rpId: 'evil.example' })).toBe('staff.passkey_wrong_site');
    });
    it('no user verification', async () => {
      expect(await attempt({ origin, uv: false })).toBe('staff.passkey_no_user_verification');
    });
    it('a registration response sent to sign-in', async () => {
      expect(await attempt({ origin, type: 'webauthn.create' })).toBe('staff.passkey_wrong_type');
    });
    it('a bad signature', async () => {
      expect(await attempt({ origin, corruptSignature: true })).toBe('staff.passkey_failed');
    });
    it('a counter that went back (a cloned key)', async () => {
      expect(await attempt({ origin, counter: 1 })).toBe('staff.passkey_counter');
    });
    it('a passkey the server does not know', async () => {
      const stranger = new SoftAuthenticator();
      stranger.register(
        { rp: { id: 'localhost', name: 'x' }, user: { id: 'AAAA', name: 'x', displayName: 'x' }, challenge: 'AAAA', pubKeyCredParams: [] },
        { origin },
      );
      const options = await startStaffSignIn(database.db, clock, config);
      expect(await code(finishStaffSignIn(database.db, clock, config, { response: stranger.authenticate(options, { origin }) }))).toBe(
        'staff.passkey_unknown',
      );
    });
    it('every refusal after the challenge is audited', async () => {
      const refused = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'staff.sign_in_refused'));
      expect(refused.map((r) => r.detail.reason)).toEqual(
        expect.arrayContaining(['passkey_failed', 'passkey_counter', 'passkey_unknown']),
      );
    });
  });

  it('registration refuses a webauthn.get response, a foreign origin, RP ID, missing UV and a stale challenge', async () => {
    const cases: Array<[Parameters<SoftAuthenticator['register']>[1], string]> = [
      [{ origin, type: 'webauthn.get' }, 'staff.passkey_wrong_type'],
      [{ origin: 'http://localhost:4000' }, 'staff.passkey_wrong_origin'],
      [{ origin, rpId: 'example.org' }, 'staff.passkey_wrong_site'],
      [{ origin, uv: false }, 'staff.passkey_no_user_verification'],
      [{ origin, challenge: Buffer.alloc(32, 9).toString('base64url') }, 'staff.passkey_challenge_invalid'],
    ];
    for (const [tamper, expected] of cases) {
      const invite = await inviteStaff(database.db, clock, database.keys, {
        actorId: adminId,
        displayName: 'Case',
        handle: `case-${expected.replace(/\W/g, '')}-${Math.random().toString(36).slice(2, 8)}`,
        role: 'analyst',
      });
      const options = await startStaffRegistration(database.db, clock, config, database.keys, { inviteToken: invite.token });
      const response = new SoftAuthenticator().register(options, tamper);
      expect(await code(finishStaffRegistration(database.db, clock, config, database.keys, { inviteToken: invite.token, response }))).toBe(expected);
      // The link still works after a refused attempt.
      await openInvite(database.db, clock, database.keys, invite.token);
    }
  });

  it('a disabled account cannot sign in', async () => {
    const { staffId, phone } = await enrolStaff('analyst', 'disabled@immigration.example');
    await database.db.update(staff).set({ status: 'disabled' }).where(eq(staff.id, staffId));
    const options = await startStaffSignIn(database.db, clock, config);
    expect(await code(finishStaffSignIn(database.db, clock, config, { response: phone.authenticate(options, { origin }) }))).toBe(
      'staff.account_disabled',
    );
  });
});
