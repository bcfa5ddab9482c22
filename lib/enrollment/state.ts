// Loading an enrollment by its browser token and deriving the facts the
// step graph (flow.ts) decides on.
import { and, eq } from 'drizzle-orm';
import { cards, enrollments, type Enrollment } from '@/db/schema';
import type { Executor, Tx } from '@/db/client';
import type { Clock } from '@/lib/context/clock';
import { countFunnelEvent } from '@/lib/analytics';
import { recordAudit, type AuditEntry } from '@/lib/audit';
import { canEnter, type EnrollmentFacts, type StepName } from './flow';
import { enrollmentErrors } from './errors';
import { enrollmentSessionHash, isWellFormedToken } from './session';

export type LoadedEnrollment = Enrollment & { cardKind: 'chip' | 'legacy' | null };

export async function loadEnrollment(db: Executor, token: string | null | undefined, forUpdate = false): Promise<LoadedEnrollment | null> {
  if (!isWellFormedToken(token)) return null;
  const query = db
    .select({ enrollment: enrollments, cardKind: cards.kind })
    .from(enrollments)
    .leftJoin(cards, eq(cards.id, enrollments.cardId))
    .where(eq(enrollments.sessionHash, enrollmentSessionHash(token)));
  const [row] = forUpdate ? await query.for('update', { of: enrollments }) : await query;
  return row ? { ...row.enrollment, cardKind: row.cardKind ?? null } : null;
}

export function factsOf(e: LoadedEnrollment, clock: Clock): EnrollmentFacts {
  return {
    path: e.path,
    identified: e.residentId !== null,
    cardKind: e.cardKind,
    smsVerified: e.smsVerifiedAt !== null,
    chipVerified: e.chipVerifiedAt !== null,
    issued: e.credentialId !== null,
    expired: e.expiresAt <= clock.now(),
  };
}

/** The enrollment bound to this browser, at a step it may do now, or the specific error. */
export async function requireStep(
  db: Executor,
  clock: Clock,
  token: string | null | undefined,
  step: StepName,
  forUpdate = false,
): Promise<LoadedEnrollment> {
  const e = await loadEnrollment(db, token, forUpdate);
  if (!e) throw enrollmentErrors.create('no_enrollment');
  const facts = factsOf(e, clock);
  if (facts.expired && !facts.issued) {
    throw enrollmentErrors.create(e.grantId ? 'expired_grant' : 'expired');
  }
  if (!canEnter(step, facts)) throw enrollmentErrors.create(facts.issued ? 'already_issued' : 'wrong_step');
  return e;
}

/** Moves the enrollment on, and writes its audit entry and funnel counter with it (one transaction: the caller's). */
export async function advance(
  tx: Tx,
  clock: Clock,
  e: Pick<Enrollment, 'id' | 'locale' | 'campaign' | 'path'>,
  change: Partial<typeof enrollments.$inferInsert>,
  audit: Omit<AuditEntry, 'subject'>,
  funnelEvent?: string,
): Promise<void> {
  await tx
    .update(enrollments)
    .set({ ...change, updatedAt: clock.now() })
    .where(and(eq(enrollments.id, e.id)));
  await recordAudit(tx, clock, { ...audit, subject: { kind: 'enrollment', id: e.id } });
  if (funnelEvent) await countFunnelEvent(tx, clock, { event: funnelEvent, locale: e.locale, campaign: e.campaign, path: e.path });
}
