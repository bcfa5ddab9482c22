// Starting an enrollment: a row bound to this browser's new token, counted
// as enrollment_started in the funnel.
import { enrollments } from '@/db/schema';
import type { Tx } from '@/db/client';
import { countFunnelEvent } from '@/lib/analytics';
import { recordAudit } from '@/lib/audit';
import { consumeAttempt } from '@/lib/limits';
import { parseCampaignCode } from '@/lib/outreach';
import type { EnrollmentDeps, Visit } from './deps';
import type { EnrollmentPath } from './flow';
import { attempt, ENROLLMENT_LIMITS } from './limits';
import { enrollmentSessionHash, newEnrollmentToken } from './session';
import { loadEnrollment, type LoadedEnrollment } from './state';

/** Self-service enrollments live 30 minutes; grant-based ones as long as the officer's grant. */
export const ENROLLMENT_TTL_MS = 30 * 60_000;

export async function createEnrollment(
  tx: Tx,
  deps: Pick<EnrollmentDeps, 'clock'>,
  path: EnrollmentPath,
  visit: Visit,
): Promise<{ token: string; enrollment: LoadedEnrollment }> {
  const now = deps.clock.now();
  const token = newEnrollmentToken();
  const initialStep = path === 'office' || path === 'video' ? 'grant' : 'identify';
  const [row] = await tx
    .insert(enrollments)
    .values({
      sessionHash: enrollmentSessionHash(token),
      path,
      step: initialStep,
      locale: visit.locale,
      campaign: parseCampaignCode(visit.campaign) ?? '',
      startedAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + ENROLLMENT_TTL_MS),
    })
    .returning();
  await recordAudit(tx, deps.clock, {
    actor: { kind: 'anonymous' },
    action: 'enrollment.started',
    subject: { kind: 'enrollment', id: row!.id },
    detail: { path, locale: visit.locale, campaign: row!.campaign || null },
  });
  await countFunnelEvent(tx, deps.clock, { event: 'enrollment_started', locale: row!.locale, campaign: row!.campaign, path });
  return { token, enrollment: { ...row!, cardKind: null } };
}

/**
 * This browser's enrollment on `path` when it is still at its first step
 * (not yet identified, not expired), else a new one. The route sets the
 * cookie to the returned token before the step runs, so that wrong tries
 * are counted on the same enrollment.
 */
export async function openEnrollment(
  deps: Pick<EnrollmentDeps, 'db' | 'clock' | 'keys' | 'client'>,
  token: string | undefined,
  path: EnrollmentPath,
  visit: Visit,
): Promise<{ token: string; created: boolean }> {
  const existing = await loadEnrollment(deps.db, token);
  const grantPath = (p: EnrollmentPath) => p === 'office' || p === 'video';
  const samePath = existing && (existing.path === path || (grantPath(existing.path) && grantPath(path)));
  if (token && existing && samePath && existing.residentId === null && existing.expiresAt > deps.clock.now()) {
    return { token, created: false };
  }
  const started = await deps.db.transaction(async (tx) => {
    // A new row for every cookie-less request: counted per client, so nobody can grow the table without bound.
    await consumeAttempt(tx, deps.clock, deps.keys, attempt('enrollment_open_client', deps.client, ENROLLMENT_LIMITS.openedPerClient));
    return createEnrollment(tx, deps, path, visit);
  });
  return { token: started.token, created: true };
}
