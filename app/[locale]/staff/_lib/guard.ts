// THE staff guard of pages: every staff page calls guardStaffPage with the
// roles it allows (server actions and route handlers name theirs in the
// wrappers' `staff` spec). Both read the staff session cookie and ask
// lib/staff's authorizeStaff, which checks the session, the account and the
// role in the database on every request. (guard.test.ts checks that every
// staff page and action names its roles.)
import { redirect } from 'next/navigation';
import { readSessionCookie } from '@/app/_lib/session-cookie';
import { pageAppContext } from '@/app/_lib/page-context';
import type { Locale } from '@/lib/i18n';
import { authorizeStaff, staffErrors, type StaffPrincipal, type StaffRole } from '@/lib/staff';

export const ALL_STAFF_ROLES: readonly StaffRole[] = ['officer', 'analyst', 'partner', 'admin'];

export type StaffGate = { ok: true; staff: StaffPrincipal } | { ok: false; role: StaffRole };

/**
 * For pages: the signed-in staff member when their role is allowed; the
 * anonymous are sent to the sign-in page (and back here after); a signed-in
 * member with another role gets { ok: false } and the page shows
 * <StaffForbidden>.
 */
export async function guardStaffPage(locale: Locale, roles: readonly StaffRole[], here: string): Promise<StaffGate> {
  const { db, clock, keys } = await pageAppContext();
  try {
    return { ok: true, staff: await authorizeStaff(db, clock, keys, await readSessionCookie('staff'), roles) };
  } catch (error) {
    if (staffErrors.is(error, 'forbidden')) return { ok: false, role: error.params.role as StaffRole };
    if (staffErrors.is(error, 'not_signed_in')) redirect(`/${locale}/staff/sign-in?next=${encodeURIComponent(here)}`);
    throw error;
  }
}

/** A `next` address is followed only within this locale's staff pages. */
export function safeStaffNext(locale: Locale, next: string | undefined | null): string {
  const home = `/${locale}/staff`;
  if (!next || /[\\\s]/.test(next)) return home;
  if (next !== home && !next.startsWith(`${home}/`) && !next.startsWith(`${home}?`)) return home;
  return next;
}
