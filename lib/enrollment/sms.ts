// The SMS step: checking the typed code (5 wrong on this enrollment → 15 minutes' wait) and
// sending a new one.
import { recordAudit } from '@/lib/audit';
import { typedCode } from '@/lib/i18n';
import type { EnrollmentDeps, SmsText } from './deps';
import { enrollmentErrors } from './errors';
import { currentStep, type StepName } from './flow';
import { sendEnrollmentSms } from './send-sms';
import { checkSmsCode } from './sms-code';
import { advance, factsOf, loadEnrollment, refuse, runStep } from './state';

export async function verifyEnrollmentSms(
  deps: EnrollmentDeps,
  token: string | undefined,
  code: string,
): Promise<{ step: StepName | 'expired' }> {
  const { clock } = deps;
  // As typed: a Nepali, Arabic or Myanmar keyboard's digits, spaces, a dash.
  const typed = typedCode(code);
  return runStep(deps.db, clock, token, 'sms', async (tx, e) => {
    const residentId = e.residentId!;
    // A code that cannot be one (5 digits, a letter) is said at once and spends no try.
    if (!/^\d{6}$/.test(typed)) throw enrollmentErrors.create('sms_code_format');
    const check = await checkSmsCode(tx, clock, deps.keys, { enrollmentId: e.id, code: typed, client: deps.client });
    if (!check.ok) {
      await recordAudit(tx, clock, {
        actor: { kind: 'anonymous' },
        action: 'enrollment.sms_refused',
        subject: { kind: 'enrollment', id: e.id },
        detail: { reason: check.reason },
      });
      // Committed all the same: a wrong try stays counted.
      if (check.reason === 'wrong') return refuse(enrollmentErrors.create('sms_code_wrong', { triesLeft: check.triesLeft }));
      if (check.reason === 'locked') return refuse(enrollmentErrors.create('sms_locked', { minutes: check.minutes }));
      return refuse(enrollmentErrors.create('sms_code_expired'));
    }
    const next = e.cardKind === 'chip' && (e.path === 'chip' || e.path === 'reissue') ? 'chip' : 'passkey';
    await advance(
      tx,
      clock,
      e,
      { smsVerifiedAt: clock.now(), step: next },
      { actor: { kind: 'resident', id: residentId }, action: 'enrollment.sms_verified' },
      'sms_verified',
    );
    const after = (await loadEnrollment(tx, token))!;
    return { step: currentStep(factsOf(after, clock)) };
  });
}

/** A new code (30 s after the last at the soonest): on the locked enrollment, so two taps cannot both pass the gap check. */
export async function resendEnrollmentSms(deps: EnrollmentDeps, token: string | undefined, smsText: SmsText): Promise<void> {
  await runStep(deps.db, deps.clock, token, 'sms', (tx, e) => sendEnrollmentSms(tx, deps, e, e.residentId!, smsText));
}
