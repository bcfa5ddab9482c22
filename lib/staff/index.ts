// Staff: accounts with roles (officer, analyst, partner, admin), passkey
// sign-in, one-time invitations, the role guard, and the demo sign-in.
import { eq } from 'drizzle-orm';
import { staff, type StaffRole } from '@/db/schema';
import type { Db, Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { recordAudit } from '@/lib/audit';
import { endSession, readSession } from '@/lib/security';

export { staffErrors } from './errors';
export type { StaffRole };
export {
  STAFF_ROLES,
  INVITE_TTL_MS,
  DEMO_STAFF,
  inviteStaff,
  inviteStaffFromCommandLine,
  StaffBootstrapRefusedError,
  COMMAND_LINE_ACTOR,
  countActiveAdmins,
  openInvite,
  changeStaffRole,
  listStaff,
  getStaffMember,
  seedDemoStaff,
  normaliseHandle,
  type StaffSummary,
  type CreatedInvite,
  type OpenInvite,
} from './accounts';
export { authorizeStaff, type StaffPrincipal } from './guard';
export {
  startStaffRegistration,
  finishStaffRegistration,
  startStaffSignIn,
  STAFF_SIGN_IN_CLIENT_LIMIT,
  finishStaffSignIn,
  registrationResponseSchema,
  authenticationResponseSchema,
  type WebAuthnConfig,
} from './passkeys';
export { demoSignIn, demoSignInAvailable } from './demo';

/** Ends the staff session the token names and records the sign-out. */
export async function signOutStaff(db: Db, clock: Clock, token: string | null | undefined): Promise<void> {
  const session = await readSession(db, clock, token, 'staff');
  if (!session) return;
  await db.transaction(async (tx) => {
    await endSession(tx, clock, token);
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: session.subjectId },
      action: 'staff.signed_out',
      subject: { kind: 'staff', id: session.subjectId },
    });
  });
}

/** The role of an active staff member, or null (unknown, invited or disabled). */
export async function activeStaffRole(db: Executor, staffId: string): Promise<StaffRole | null> {
  if (!/^[0-9a-f-]{36}$/i.test(staffId)) return null;
  const [member] = await db.select({ role: staff.role, status: staff.status }).from(staff).where(eq(staff.id, staffId));
  return member && member.status === 'active' ? member.role : null;
}
