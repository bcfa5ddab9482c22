// Office and video paths, first step: the phone claims the officer's
// one-time grant (the QR's code, or the short code typed from under it).
// The grant names the resident; the enrollment then lives as long as the
// grant does, and the SMS code goes to the phone number on record.
import { limitKey } from '@/lib/limits';
import { isAppError } from '@/lib/errors';
import { findCurrentCard, findResidentById } from '@/lib/registry';
import { claimGrant, proofingErrors, type GrantClaimInput } from '@/lib/proofing';
import type { EnrollmentDeps, SmsText } from './deps';
import { assertEligibleForEnrollment } from './eligibility';
import { enrollmentErrors } from './errors';
import { currentStep } from './flow';
import type { StepResult } from './identify';
import { sendEnrollmentSms } from './send-sms';
import { advance, factsOf, loadEnrollment, refuse, runStep } from './state';

function translateProofingError(error: unknown): unknown {
  if (proofingErrors.is(error, 'grant_unknown')) return enrollmentErrors.create('grant_unknown');
  if (proofingErrors.is(error, 'grant_expired')) return enrollmentErrors.create('grant_expired');
  if (proofingErrors.is(error, 'grant_used')) return enrollmentErrors.create('grant_used');
  if (proofingErrors.is(error, 'short_code_locked')) {
    return enrollmentErrors.create('short_code_locked', { minutes: (error as { params: { minutes?: number } }).params.minutes ?? 15 });
  }
  return error;
}

/** The grant step of the enrollment bound to `token` (opened first with openEnrollment). */
export async function claimEnrollmentGrant(
  deps: EnrollmentDeps,
  token: string | undefined,
  input: GrantClaimInput,
  smsText: SmsText,
): Promise<StepResult> {
  const { clock } = deps;
  return runStep(deps.db, clock, token, 'grant', async (tx, e) => {
    let grant;
    try {
      grant = await claimGrant(tx, clock, input, e.id, limitKey(deps.keys, 'short_code_client', deps.client));
    } catch (error) {
      // A refused claim commits what it counted (wrong short codes) and audited.
      const translated = translateProofingError(error);
      if (isAppError(translated)) return refuse(translated);
      throw error;
    }

    const resident = await findResidentById(tx, grant.residentId);
    const card = resident ? await findCurrentCard(tx, resident.id) : null;
    if (!resident) throw enrollmentErrors.create('not_registered');
    try {
      await assertEligibleForEnrollment(tx, clock, resident, card, e.id, { grantId: grant.grantId });
    } catch (error) {
      // The refusal's audit entry commits with it.
      if (enrollmentErrors.owns(error)) return refuse(error);
      throw error;
    }

    const moved = { ...e, path: grant.path, grantId: grant.grantId };
    await advance(
      tx,
      clock,
      moved,
      { residentId: resident.id, cardId: card!.id, grantId: grant.grantId, path: grant.path, expiresAt: grant.expiresAt, step: 'sms' },
      { actor: { kind: 'resident', id: resident.id }, action: 'enrollment.identified', detail: { path: grant.path, grantId: grant.grantId } },
    );
    await sendEnrollmentSms(tx, deps, moved, resident.id, smsText);
    const after = (await loadEnrollment(tx, token))!;
    return { token: token!, step: currentStep(factsOf(after, clock)), path: after.path };
  });
}
