// The demo-only sign-in: one button per demo role. It exists only when the
// process serves the demo (AppContext.demo: the configuration asks for it
// AND the database was seeded as a demo, settings.demo = true); otherwise
// every entry point answers errors.staff.demo_unavailable (404).
import { and, eq } from 'drizzle-orm';
import { staff, type StaffRole } from '@/db/schema';
import type { Db, Executor } from '@/db/client';
import { isDemoDatabase } from '@/db/settings';
import type { Clock } from '@/lib/clock';
import { recordAudit } from '@/lib/audit';
import { createSession, endSession, STAFF_SESSION_TTL_MS } from '@/lib/security';
import { staffErrors } from './errors';

/**
 * Whether the demo sign-in exists. `app` is the AppContext (its `demo`);
 * the database's own demo flag is checked again here, so a caller that
 * passes the configuration instead (config.demo) is just as safe.
 */
export async function demoSignInAvailable(db: Executor, app: { demo: boolean }): Promise<boolean> {
  return app.demo && (await isDemoDatabase(db));
}

export async function demoSignIn(
  db: Db,
  clock: Clock,
  app: { demo: boolean },
  input: { role: StaffRole; /** The session this browser held before, if any: ended with the sign-in. */ previousToken?: string },
): Promise<{ staffId: string; sessionToken: string }> {
  if (!(await demoSignInAvailable(db, app))) throw staffErrors.create('demo_unavailable');
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.demo, true), eq(staff.role, input.role), eq(staff.status, 'active')))
      .limit(1);
    if (!member) throw staffErrors.create('demo_unavailable');
    await endSession(tx, clock, input.previousToken);
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
