// The SMS step: checking the typed code (5 wrong → 15 minutes' wait) and
// sending a new one.
import { recordAudit } from '@/lib/audit';
import type { EnrollmentDeps, SmsText } from './deps';
import { enrollmentErrors } from './errors';
import { currentStep, type StepName } from './flow';
import { sendEnrollmentSms } from './send-sms';
import { checkSmsCode } from './sms-code';
import { advance, factsOf, loadEnrollment, requireStep } from './state';

export async function verifyEnrollmentSms(
  deps: EnrollmentDeps,
  token: string | undefined,
  code: string,
): Promise<{ step: StepName | 'expired' }> {
  const { clock } = deps;
  const e = await requireStep(deps.db, clock, token, 'sms');
  const residentId = e.residentId!;
  const check = await deps.db.transaction(async (tx) => {
    const result = await checkSmsCode(tx, clock, deps.keys, { enrollmentId: e.id, residentId, code: code.replace(/\s/g, '') });
    if (result.ok) {
      const next = e.cardKind === 'chip' && (e.path === 'chip' || e.path === 'reissue') ? 'chip' : 'passkey';
      await advance(
        tx,
        clock,
        e,
        { smsVerifiedAt: clock.now(), step: next },
        { actor: { kind: 'resident', id: residentId }, action: 'enrollment.sms_verified' },
        'sms_verified',
      );
    } else {
      await recordAudit(tx, clock, {
        actor: { kind: 'anonymous' },
        action: 'enrollment.sms_refused',
        subject: { kind: 'enrollment', id: e.id },
        detail: { reason: result.reason },
      });
    }
    // Committed either way: a wrong try stays counted.
    return result;
  });
  if (!check.ok) {
    if (check.reason === 'wrong') throw enrollmentErrors.create('sms_code_wrong', { triesLeft: check.triesLeft });
    if (check.reason === 'locked') throw enrollmentErrors.create('sms_locked', { minutes: check.minutes });
    throw enrollmentErrors.create('sms_code_expired');
  }
  const after = (await loadEnrollment(deps.db, token))!;
  return { step: currentStep(factsOf(after, clock)) };
}

export async function resendEnrollmentSms(deps: EnrollmentDeps, token: string | undefined, smsText: SmsText): Promise<void> {
  const e = await requireStep(deps.db, deps.clock, token, 'sms');
  await deps.db.transaction((tx) => sendEnrollmentSms(tx, deps, e, e.residentId!, smsText));
}
