// Housekeeping: what has outlived its use goes, on a schedule that runs once
// across instances. Each run is one transaction that first takes a
// transaction-scoped advisory lock (pg_try_advisory_xact_lock: another
// instance running at the same moment skips) and reads when the last run
// finished (settings 'housekeeping'): an instance whose turn came within the
// period of another's run skips too. What goes:
//   - WebAuthn challenges an hour past expiry, sessions a day past expiry
//     (their capabilities' own purges);
//   - enrollments never finished, a day past expiry (their SMS codes with them);
//   - officers' enrollment grants never used, a day past expiry and not named by an enrollment;
//   - verifier requests an hour past expiry (the encrypted answer with them);
//   - abuse-limit counters whose window ended more than two days ago;
//   - video-check signals a day old (the call is long over);
//   - video-check stills past their stated period (lib/proofing, its own audited transaction).
// One audit entry per run that removed anything, with the counts.
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { enrollmentGrants, enrollments, grantClaimFailures, presentationRequests, rateLimits, sessionSignals, settings } from '@/db/schema';
import type { Db } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { recordAudit } from '@/lib/audit';
import { describeForLog } from '@/lib/errors';
import { purgeOldChallenges } from '@/lib/passkeys';
import { purgeExpiredStills } from '@/lib/proofing';
import { purgeOldSessions } from '@/lib/security';

/** How often a run is due, across all instances. */
export const HOUSEKEEPING_EVERY_MS = 10 * 60_000;
const LOCK_KEY = 0x41524348; // "ARCH"
const SETTING = 'housekeeping';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type HousekeepingCounts = {
  enrollments: number;
  grants: number;
  presentationRequests: number;
  rateLimits: number;
  grantClaimFailures: number;
  signals: number;
  stills: number;
};
export type HousekeepingRun = { ran: true; counts: HousekeepingCounts } | { ran: false; why: 'another_instance' | 'not_due' };

/** One run, if it is due and no other instance is running one. */
export async function runHousekeeping(db: Db, clock: Clock, options: { everyMs?: number } = {}): Promise<HousekeepingRun> {
  const everyMs = options.everyMs ?? HOUSEKEEPING_EVERY_MS;
  const result = await db.transaction(async (tx): Promise<HousekeepingRun> => {
    const locked = await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as locked`);
    if (!(locked as unknown as { rows: { locked: boolean }[] }).rows[0]?.locked) return { ran: false, why: 'another_instance' };
    const now = clock.now();
    const [last] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, SETTING));
    const lastAt = typeof (last?.value as { at?: unknown } | undefined)?.at === 'string' ? Date.parse((last!.value as { at: string }).at) : NaN;
    if (Number.isFinite(lastAt) && now.getTime() - lastAt < everyMs) return { ran: false, why: 'not_due' };

    await purgeOldChallenges(tx, clock);
    await purgeOldSessions(tx, clock);
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const counts: HousekeepingCounts = {
      enrollments: (
        await tx
          .delete(enrollments)
          .where(and(isNull(enrollments.finishedAt), lt(enrollments.expiresAt, ago(DAY))))
          .returning({ id: enrollments.id })
      ).length,
      grants: (
        await tx
          .delete(enrollmentGrants)
          .where(
            and(
              isNull(enrollmentGrants.usedAt),
              lt(enrollmentGrants.expiresAt, ago(DAY)),
              sql`not exists (select 1 from ${enrollments} where ${enrollments.grantId} = ${enrollmentGrants.id})`,
            ),
          )
          .returning({ id: enrollmentGrants.id })
      ).length,
      presentationRequests: (
        await tx.delete(presentationRequests).where(lt(presentationRequests.expiresAt, ago(HOUR))).returning({ id: presentationRequests.id })
      ).length,
      rateLimits: (await tx.delete(rateLimits).where(lt(rateLimits.windowStart, ago(2 * DAY))).returning({ key: rateLimits.key })).length,
      grantClaimFailures: (
        await tx
          .delete(grantClaimFailures)
          .where(
            and(
              lt(grantClaimFailures.windowStart, ago(2 * DAY)),
              sql`(${grantClaimFailures.lockedUntil} is null or ${grantClaimFailures.lockedUntil} < ${now})`,
            ),
          )
          .returning({ key: grantClaimFailures.key })
      ).length,
      signals: (await tx.delete(sessionSignals).where(lt(sessionSignals.createdAt, ago(DAY))).returning({ seq: sessionSignals.seq })).length,
      stills: 0,
    };
    await tx
      .insert(settings)
      .values({ key: SETTING, value: { at: now.toISOString() }, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: { at: now.toISOString() }, updatedAt: now } });
    if (Object.values(counts).some((n) => n > 0)) {
      await recordAudit(tx, clock, { actor: { kind: 'system', id: null }, action: 'housekeeping.purged', detail: counts });
    }
    return { ran: true, counts };
  });
  if (result.ran) result.counts.stills = await purgeExpiredStills(db, clock);
  return result;
}

/**
 * Runs housekeeping now and then every period (with a little jitter, so
 * instances started together do not knock at once). The timer does not keep
 * the process alive; the function returned stops it.
 */
export function scheduleHousekeeping(
  db: Db,
  clock: Clock,
  options: { everyMs?: number; log?: (line: string) => void } = {},
): () => void {
  const everyMs = options.everyMs ?? HOUSEKEEPING_EVERY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const run = await runHousekeeping(db, clock, { everyMs });
      if (run.ran && Object.values(run.counts).some((n) => n > 0)) {
        options.log?.(JSON.stringify({ level: 'info', where: 'housekeeping', purged: run.counts }));
      }
    } catch (error) {
      options.log?.(JSON.stringify({ level: 'error', where: 'housekeeping', ...describeForLog(error) }));
    }
    if (!stopped) {
      timer = setTimeout(tick, everyMs + Math.floor(Math.random() * 30_000));
      timer.unref?.();
    }
  };
  timer = setTimeout(tick, 5_000 + Math.floor(Math.random() * 5_000));
  timer.unref?.();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
