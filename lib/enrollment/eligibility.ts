import type { Executor } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import type { Clock } from '@/lib/clock';
import { seoulDay } from '@/lib/clock';
import { checkEligibility, type CurrentCard, type ResidentRecord } from '@/lib/registry';
import { enrollmentErrors } from './errors';

/** Refuses an ineligible resident with the reason (under 14, card expired, …), as the day in Korea says. */
export function assertEligible(resident: ResidentRecord, card: CurrentCard | null, clock: Clock): CurrentCard {
  const result = checkEligibility(resident, card, seoulDay(clock.now()));
  if (result.eligible) return card!;
  switch (result.reason) {
    case 'under_14':
      throw enrollmentErrors.create('ineligible_under_14', { date: result.eligibleFrom ?? '' });
    case 'card_expired':
      throw enrollmentErrors.create('ineligible_card_expired', { date: result.expiredOn ?? '' });
    case 'card_not_yet_valid':
      throw enrollmentErrors.create('ineligible_card_not_yet_valid');
    case 'no_card':
      throw enrollmentErrors.create('ineligible_no_card');
    default:
      throw enrollmentErrors.create('not_registered');
  }
}

/**
 * assertEligible for an enrollment step: a refusal is written to the audit
 * log (enrollment.refused, with its reason) before it reaches the resident.
 */
export async function assertEligibleForEnrollment(
  db: Executor,
  clock: Clock,
  resident: ResidentRecord,
  card: CurrentCard | null,
  enrollmentId: string,
  detail: Record<string, unknown> = {},
): Promise<CurrentCard> {
  try {
    return assertEligible(resident, card, clock);
  } catch (error) {
    await recordAudit(db, clock, {
      actor: { kind: 'resident', id: resident.id },
      action: 'enrollment.refused',
      subject: { kind: 'enrollment', id: enrollmentId },
      detail: { reason: (error as { code?: string }).code, ...detail },
    });
    throw error;
  }
}
