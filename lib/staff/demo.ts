// The demo-only sign-in: one button per demo role. It exists only on a demo
// database (the seed writes settings.demo = true) AND when the app runs on
// the embedded PGlite or with ARC_DEMO=1 (config.seedDemo); otherwise every
// entry point answers errors.staff.demo_unavailable (404).
import { and, eq } from 'drizzle-orm';
import { settings, staff, type StaffRole } from '@/db/schema';
import type { Db, Executor } from '@/db/client';
import type { AppConfig } from '@/lib/config';
import type { Clock } from '@/lib/context/clock';
import { recordAudit } from '@/lib/audit';
import { createSession, STAFF_SESSION_TTL_MS } from '@/lib/security/sessions';
import { staffErrors } from './errors';

export const DEMO_SETTING_KEY = 'demo';

export async function isDemoDatabase(db: Executor): Promise<boolean> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, DEMO_SETTING_KEY));
  return row?.value === true;
}

/** True only on a demo database served by the embedded PGlite or with ARC_DEMO=1. */
export async function demoSignInAvailable(db: Executor, config: Pick<AppConfig, 'seedDemo'>): Promise<boolean> {
  if (!config.seedDemo) return false;
  return isDemoDatabase(db);
}

export async function demoSignIn(
  db: Db,
  clock: Clock,
  config: Pick<AppConfig, 'seedDemo'>,
  input: { role: StaffRole },
): Promise<{ staffId: string; sessionToken: string }> {
  if (!(await demoSignInAvailable(db, config))) throw staffErrors.create('demo_unavailable');
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.demo, true), eq(staff.role, input.role), eq(staff.status, 'active')))
      .limit(1);
    if (!member) throw staffErrors.create('demo_unavailable');
    const sessionToken = await createSession(tx, clock, { kind: 'staff', subjectId: member.id, ttlMs: STAFF_SESSION_TTL_MS });
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: member.id },
      action: 'staff.signed_in',
      subject: { kind: 'staff', id: member.id },
      detail: { method: 'demo', role: input.role },
    });
    return { staffId: member.id, sessionToken };
  });
}
