// Loading an enrollment by its browser token, deriving the facts the step
// graph (flow.ts) decides on, and running a step: checked and changed on
// the enrollment row locked FOR UPDATE, in one transaction (runStep).
import { eq } from 'drizzle-orm';
import { cards, enrollments, type Enrollment } from '@/db/schema';
import type { Db, Executor, Tx } from '@/db/client';
import type { Clock } from '@/lib/clock';
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

function assertStep(e: LoadedEnrollment | null, clock: Clock, step: StepName): asserts e is LoadedEnrollment {
  if (!e) throw enrollmentErrors.create('no_enrollment');
  const facts = factsOf(e, clock);
  if (facts.expired && !facts.issued) {
    throw enrollmentErrors.create(e.grantId ? 'expired_grant' : 'expired');
  }
  if (!canEnter(step, facts)) throw enrollmentErrors.create(facts.issued ? 'already_issued' : 'wrong_step');
}

/**
 * The enrollment bound to this browser, at a step it may do now, or the
 * specific error. A read only: for what changes nothing (a challenge, the
 * card simulator's tap). A step that moves the enrollment on runs in
 * `runStep` instead, which checks the step on the row it has locked.
 */
export async function requireStep(db: Executor, clock: Clock, token: string | null | undefined, step: StepName): Promise<LoadedEnrollment> {
  const e = await loadEnrollment(db, token);
  assertStep(e, clock, step);
  return e;
}

declare const lockedBrand: unique symbol;

/** An enrollment read FOR UPDATE inside the transaction that changes it (only `runStep` makes one). */
export type LockedEnrollment = LoadedEnrollment & { readonly [lockedBrand]: true };

/** A refusal to throw once the step's transaction has committed (see `runStep`). */
export class CommittedRefusal {
  constructor(readonly error: unknown) {}
}

/** Ends a step's work with `error`, keeping what the work wrote (a counted wrong try, its audit entry). */
export function refuse(error: unknown): CommittedRefusal {
  return new CommittedRefusal(error);
}

/**
 * Runs one step of the enrollment bound to `token` in one transaction: the
 * enrollment row is read FOR UPDATE, the step is checked on it, and `work`
 * changes it (with its audit entry and counters) in the same transaction.
 * Concurrent requests for one enrollment (a double tap, a retry, two tabs,
 * two instances) so take turns, and the later ones find the step behind
 * them (enrollment.wrong_step / already_issued) instead of doing it again.
 *
 * `work` returns its result, or `refuse(error)`: the transaction then
 * commits what the work wrote (a wrong try stays counted, a refusal stays
 * audited, a challenge stays used) and the error is thrown after the
 * commit. Anything `work` throws rolls the whole step back.
 */
export async function runStep<T>(
  db: Db,
  clock: Clock,
  token: string | null | undefined,
  step: StepName,
  work: (tx: Tx, e: LockedEnrollment) => Promise<T | CommittedRefusal>,
): Promise<T> {
  const outcome = await db.transaction(async (tx) => {
    const e = await loadEnrollment(tx, token, true);
    assertStep(e, clock, step);
    return work(tx, e as LockedEnrollment);
  });
  if (outcome instanceof CommittedRefusal) throw outcome.error;
  return outcome;
}

/** Moves the enrollment on, and writes its audit entry and funnel counter with it (in the step's transaction, on the row it locked). */
export async function advance(
  tx: Tx,
  clock: Clock,
  e: Pick<LockedEnrollment, 'id' | 'locale' | 'campaign' | 'path' | typeof lockedBrand>,
  change: Partial<typeof enrollments.$inferInsert>,
  audit: Omit<AuditEntry, 'subject'>,
  funnelEvent?: string,
): Promise<void> {
  await tx
    .update(enrollments)
    .set({ ...change, updatedAt: clock.now() })
    .where(eq(enrollments.id, e.id));
  await recordAudit(tx, clock, { ...audit, subject: { kind: 'enrollment', id: e.id } });
  if (funnelEvent) await countFunnelEvent(tx, clock, { event: funnelEvent, locale: e.locale, campaign: e.campaign, path: e.path });
}
