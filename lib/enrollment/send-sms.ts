// Sending the one-time code to the phone number on record, inside the
// transaction that records it (sms_sent counter and audit entry), within
// the limits of lib/enrollment/limits.ts: per enrollment always; per
// resident, per phone number and per client for self-service enrollments
// (an enrollment that started from an officer's check is not held back by
// codes someone else asked for).
import type { Tx } from '@/db/client';
import { countFunnelEvent } from '@/lib/analytics';
import { recordAudit } from '@/lib/audit';
import { consumeAttempt } from '@/lib/limits';
import { getResidentPersonalData } from '@/lib/registry';
import type { EnrollmentDeps, SmsText } from './deps';
import { enrollmentErrors } from './errors';
import { attempt, ENROLLMENT_LIMITS, rateLimitedMinutes } from './limits';
import { assertMaySend, assertNotLocked, createSmsCode } from './sms-code';
import type { LoadedEnrollment } from './state';

export async function sendEnrollmentSms(
  tx: Tx,
  deps: EnrollmentDeps,
  e: Pick<LoadedEnrollment, 'id' | 'locale' | 'campaign' | 'path' | 'grantId'>,
  residentId: number,
  smsText: SmsText,
): Promise<void> {
  await assertNotLocked(tx, deps.clock, deps.keys, e.id, deps.client);
  await assertMaySend(tx, deps.clock, e.id);
  const personal = await getResidentPersonalData(tx, deps.keys, residentId);
  if (!personal) throw new Error(`resident ${residentId} has no personal data`);
  if (!e.grantId) await countSelfServiceSend(tx, deps, residentId, personal.phone);
  const code = await createSmsCode(tx, deps.clock, deps.keys, { enrollmentId: e.id, residentId });
  await deps.sms.send({ to: personal.phone, body: smsText(code), locale: e.locale }, { tx, clock: deps.clock });
  await recordAudit(tx, deps.clock, {
    actor: { kind: 'resident', id: residentId },
    action: 'enrollment.sms_sent',
    subject: { kind: 'enrollment', id: e.id },
    detail: { gateway: deps.sms.kind },
  });
  await countFunnelEvent(tx, deps.clock, { event: 'sms_sent', locale: e.locale, campaign: e.campaign, path: e.path });
}

/**
 * Counts a code sent by a self-service enrollment on the resident, the phone
 * number and the client. Over the resident's or the phone's budget:
 * enrollment.card_busy (wait, or go with an officer); over the client's:
 * limits.rate_limited. Thrown inside the step's transaction, so nothing of
 * the step is kept and nothing is sent.
 */
async function countSelfServiceSend(tx: Tx, deps: EnrollmentDeps, residentId: number, phone: string): Promise<void> {
  const { clock, keys } = deps;
  await consumeAttempt(tx, clock, keys, attempt('sms_client', deps.client, ENROLLMENT_LIMITS.smsPerClient));
  for (const counted of [
    attempt('sms_resident', String(residentId), ENROLLMENT_LIMITS.smsPerResident),
    attempt('sms_phone', phone.replace(/[^\d+]/g, ''), ENROLLMENT_LIMITS.smsPerPhone),
  ]) {
    try {
      await consumeAttempt(tx, clock, keys, counted);
    } catch (error) {
      const minutes = rateLimitedMinutes(error);
      if (minutes === null) throw error;
      throw enrollmentErrors.create('card_busy', { minutes });
    }
  }
}
