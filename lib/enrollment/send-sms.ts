// Sending the one-time code to the phone number on record, inside the
// transaction that records it (sms_sent counter and audit entry).
import type { Tx } from '@/db/client';
import { countFunnelEvent } from '@/lib/analytics';
import { recordAudit } from '@/lib/audit';
import { getResidentPersonalData } from '@/lib/registry';
import type { EnrollmentDeps, SmsText } from './deps';
import { assertMaySend, assertNotLocked, createSmsCode } from './sms-code';
import type { LoadedEnrollment } from './state';

export async function sendEnrollmentSms(
  tx: Tx,
  deps: EnrollmentDeps,
  e: Pick<LoadedEnrollment, 'id' | 'locale' | 'campaign' | 'path'>,
  residentId: number,
  smsText: SmsText,
): Promise<void> {
  await assertNotLocked(tx, deps.clock, residentId);
  await assertMaySend(tx, deps.clock, e.id);
  const personal = await getResidentPersonalData(tx, deps.keys, residentId);
  if (!personal) throw new Error(`resident ${residentId} has no personal data`);
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
