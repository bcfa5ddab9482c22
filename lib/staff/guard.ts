// The one check every staff page, action and route goes through: a live
// staff session, an active account, and a role among those allowed. The role
// is read from the database on every request, so a role change or a
// disabled account takes effect at once.
import { eq } from 'drizzle-orm';
import { staff, type StaffRole } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { decryptField, readSession, type DataKeys } from '@/lib/security';
import { staffErrors } from './errors';

export type StaffPrincipal = {
  staffId: string;
  role: StaffRole;
  displayName: string;
  demo: boolean;
  sessionId: string;
};

/**
 * The signed-in staff member, or throws errors.staff.not_signed_in (no or
 * dead session, disabled account) or errors.staff.forbidden (role not in
 * `roles`). Roles are not ranked: an admin is not an officer.
 */
export async function authorizeStaff(
  db: Executor,
  clock: Clock,
  keys: DataKeys,
  token: string | null | undefined,
  roles: readonly StaffRole[],
): Promise<StaffPrincipal> {
  const session = await readSession(db, clock, token, 'staff');
  if (!session) throw staffErrors.create('not_signed_in');
  const [member] = await db
    .select({ id: staff.id, role: staff.role, status: staff.status, demo: staff.demo, nameEnc: staff.displayNameEnc })
    .from(staff)
    .where(eq(staff.id, session.subjectId));
  if (!member || member.status !== 'active') throw staffErrors.create('not_signed_in');
  if (!roles.includes(member.role)) throw staffErrors.create('forbidden', { role: member.role });
  return {
    staffId: member.id,
    role: member.role,
    displayName: decryptField(keys, member.nameEnc, 'staff.display_name'),
    demo: member.demo,
    sessionId: session.id,
  };
}
