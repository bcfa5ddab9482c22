// Chip path and reissue, first step: registration number + card serial +
// date of birth must match one resident and their current card. Then the
// resident is checked for eligibility; a legacy card goes to the
// "needs an officer" step, a chip card gets the SMS code.
import { eq, sql } from 'drizzle-orm';
import { enrollments } from '@/db/schema';
import type { Tx } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { consumeAttempt, limitErrors, peekAttempts, type Attempt } from '@/lib/limits';
import { findCurrentCard, findResidentByRegistrationNumber } from '@/lib/registry';
import type { EnrollmentDeps, SmsText } from './deps';
import { assertEligibleForEnrollment } from './eligibility';
import { enrollmentErrors } from './errors';
import { attempt, ENROLLMENT_LIMITS } from './limits';
import { currentStep, type EnrollmentPath, type StepName } from './flow';
import { sendEnrollmentSms } from './send-sms';
import { advance, factsOf, loadEnrollment, refuse, runStep } from './state';

export const IDENTIFY_MAX_FAILURES = 5;
export const IDENTIFY_LOCK_MS = 15 * 60_000;

export type IdentifyInput = { registrationNumber: string; cardSerial: string; birthDate: string };

export type StepResult = { token: string; step: StepName | 'expired'; path: EnrollmentPath };


/**
 * The identify step of the enrollment bound to `token` (see openEnrollment:
 * the route opens it first and sets its cookie, so that wrong tries count on
 * it).
 */
export async function identifyResident(
  deps: EnrollmentDeps,
  token: string | undefined,
  input: IdentifyInput,
  smsText: SmsText,
): Promise<StepResult> {
  const { clock } = deps;
  return runStep(deps.db, clock, token, 'identify', async (tx, e) => {
    const path = e.path;
    const now = clock.now();
    if (e.identifyFailures >= IDENTIFY_MAX_FAILURES) {
      const until = e.updatedAt.getTime() + IDENTIFY_LOCK_MS;
      if (until > now.getTime()) {
        throw enrollmentErrors.create('identify_locked', { minutes: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) });
      }
    }

    // Across enrollments and instances: wrong tries from this client, and for this registration number.
    const perClient = attempt('identify_client', deps.client, ENROLLMENT_LIMITS.identifyPerClient);
    const perNumber = attempt('identify_reg', normalisedNumber(input.registrationNumber), ENROLLMENT_LIMITS.identifyPerRegistrationNumber);
    const client = await peekAttempts(tx, clock, deps.keys, perClient);
    if (client.blocked) throw limitErrors.create('rate_limited', { minutes: client.minutes });
    const number = await peekAttempts(tx, clock, deps.keys, perNumber);
    if (number.blocked) throw enrollmentErrors.create('card_busy', { minutes: number.minutes });

    const resident = await findResidentByRegistrationNumber(tx, deps.keys, input.registrationNumber);
    const card = resident ? await findCurrentCard(tx, resident.id) : null;
    const serialMatches = !!card && card.serial === input.cardSerial.trim().toUpperCase();
    if (!resident || !serialMatches || resident.birthDate !== input.birthDate) {
      // Which of the three did not match is not said: that would help someone guess.
      // Counted on the locked row: concurrent wrong tries are each counted.
      const failures = e.identifyFailures >= IDENTIFY_MAX_FAILURES ? 1 : e.identifyFailures + 1;
      await tx
        .update(enrollments)
        .set({ identifyFailures: sql`${failures}`, updatedAt: now })
        .where(eq(enrollments.id, e.id));
      await countFailure(tx, deps, perClient);
      await countFailure(tx, deps, perNumber);
      await recordAudit(tx, clock, {
        actor: { kind: 'anonymous' },
        action: 'enrollment.identify_failed',
        subject: { kind: 'enrollment', id: e.id },
        detail: { failures },
      });
      if (failures >= IDENTIFY_MAX_FAILURES) {
        return refuse(enrollmentErrors.create('identify_locked', { minutes: Math.ceil(IDENTIFY_LOCK_MS / 60_000) }));
      }
      return refuse(enrollmentErrors.create('identity_mismatch', { triesLeft: IDENTIFY_MAX_FAILURES - failures }));
    }

    let eligibleCard;
    try {
      eligibleCard = await assertEligibleForEnrollment(tx, clock, resident, card, e.id);
    } catch (error) {
      // The refusal's audit entry commits with it.
      if (enrollmentErrors.owns(error)) return refuse(error);
      throw error;
    }

    const legacy = eligibleCard.kind === 'legacy';
    await advance(
      tx,
      clock,
      e,
      { residentId: resident.id, cardId: eligibleCard.id, identifyFailures: 0, step: legacy ? 'needs_grant' : 'sms' },
      { actor: { kind: 'resident', id: resident.id }, action: 'enrollment.identified', detail: { cardKind: eligibleCard.kind, path } },
    );
    if (!legacy) await sendEnrollmentSms(tx, deps, e, resident.id, smsText);
    const after = (await loadEnrollment(tx, token))!;
    return { token: token!, step: currentStep(factsOf(after, clock)), path };
  });
}

/** The registration number as the registry compares it: digits only. */
function normalisedNumber(registrationNumber: string): string {
  return registrationNumber.replace(/\D/g, '');
}

/** Counts one wrong try; one that arrives after the limit filled (a concurrent try) is counted as far as the cap. */
async function countFailure(tx: Tx, deps: EnrollmentDeps, counted: Attempt): Promise<void> {
  try {
    await consumeAttempt(tx, deps.clock, deps.keys, counted);
  } catch (error) {
    if (!limitErrors.is(error, 'rate_limited')) throw error;
  }
}
