// The last step of every path: the phone makes a passkey and a device key,
// and the card is issued to this phone. Any card the resident had on another
// phone is revoked in the same transaction (lib/passkeys issueCredential);
// an officer's grant is marked used in it too.
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { enrollments } from '@/db/schema';
import { countFunnelEvent } from '@/lib/analytics';
import { recordAudit } from '@/lib/audit';
import { isAppError } from '@/lib/errors';
import {
  beginRegistration,
  issueCredential,
  verifyRegistration,
  type RegistrationAnswer,
} from '@/lib/passkeys';
import { markGrantUsed } from '@/lib/proofing';
import { getResidentPersonalData } from '@/lib/registry';
import type { DataKeys } from '@/lib/security';
import type { EnrollmentDeps } from './deps';
import { requireStep, runStep } from './state';

const subjectOf = (enrollmentId: string) => `enrollment:${enrollmentId}`;

/** The WebAuthn user handle of a resident: stable, 32 bytes, reveals nothing. */
export function webauthnUserId(keys: DataKeys, residentId: number): Uint8Array {
  return new Uint8Array(createHmac('sha256', keys.lookup).update(`webauthn-user:${residentId}`).digest());
}

export async function beginPasskeyStep(deps: EnrollmentDeps, token: string | undefined) {
  const e = await requireStep(deps.db, deps.clock, token, 'passkey');
  const residentId = e.residentId!;
  const personal = await getResidentPersonalData(deps.db, deps.keys, residentId);
  const name = personal?.name ?? 'ARC Mobile';
  return beginRegistration(deps.db, deps.clock, deps.config, {
    subject: subjectOf(e.id),
    residentId,
    userId: webauthnUserId(deps.keys, residentId),
    userName: name,
    userDisplayName: name,
  });
}

export type IssuedResult = {
  /** The WebAuthn credential ID: the phone keeps it to find its card again. */
  credentialId: string;
  /** How many cards on other phones this revoked (0 or 1). */
  revoked: number;
};

export async function completePasskeyStep(
  deps: EnrollmentDeps,
  token: string | undefined,
  answer: RegistrationAnswer,
): Promise<IssuedResult> {
  const { clock } = deps;
  // The answer is checked first, on the database handle: its challenge is
  // used up and a refusal audited whatever follows, and the signature checks
  // do not hold the enrollment's row (or a connection) while they run.
  const checked = await requireStep(deps.db, clock, token, 'passkey');
  let passkey;
  try {
    passkey = await verifyRegistration(deps.db, clock, deps.config, subjectOf(checked.id), answer);
  } catch (error) {
    if (isAppError(error)) {
      await recordAudit(deps.db, clock, {
        actor: { kind: 'anonymous' },
        action: 'enrollment.passkey_refused',
        subject: { kind: 'enrollment', id: checked.id },
        detail: { reason: error.code },
      });
    }
    throw error;
  }

  // Then the step itself, on the locked row: one issuance per enrollment,
  // even if the phone sends twice (a second answer finds the card issued).
  return runStep(deps.db, clock, token, 'passkey', async (tx, e) => {
    const residentId = e.residentId!;
    const issued = await issueCredential(tx, clock, { residentId, enrollmentId: e.id, passkey, path: e.path });
    if (e.grantId) await markGrantUsed(tx, clock, e.grantId);
    const now = clock.now();
    await tx
      .update(enrollments)
      .set({ credentialId: issued.credential.id, step: 'done', finishedAt: now, updatedAt: now })
      .where(eq(enrollments.id, e.id));
    await recordAudit(tx, clock, {
      actor: { kind: 'resident', id: residentId },
      action: 'enrollment.finished',
      subject: { kind: 'enrollment', id: e.id },
      detail: { path: e.path, credential: issued.credential.id, revoked: issued.revoked.map((r) => r.id) },
    });
    const visit = { locale: e.locale, campaign: e.campaign, path: e.path };
    await countFunnelEvent(tx, clock, { ...visit, event: 'passkey_registered' });
    await countFunnelEvent(tx, clock, { ...visit, event: 'issued' });
    return { credentialId: issued.credential.credentialId, revoked: issued.revoked.length };
  });
}
