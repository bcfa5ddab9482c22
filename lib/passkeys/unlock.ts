// Unlocking the card on the phone that holds it: a passkey assertion (the
// person: fingerprint, face or PIN) AND the device key's signature (this
// phone: the key cannot leave its IndexedDB) over the same server challenge.
// The presentation issue calls these to open "My card".
import { and, eq, sql } from 'drizzle-orm';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { credentials, type Credential } from '@/db/schema';
import type { Executor, Tx } from '@/db/client';
import type { Clock } from '@/lib/context/clock';
import { recordAudit } from '@/lib/audit';
import { issueChallenge } from './challenges';
import {
  asAuthenticationJSON,
  assertCeremonyType,
  assertOrigin,
  checkAuthenticatorData,
  parseCredentialResponse,
  takeChallenge,
} from './ceremony';
import { assertDeviceSignature } from './device-key';
import { passkeyErrors } from './errors';
import type { PasskeyConfig } from './registration';

const SUBJECT_PREFIX = 'resident:';

/** Why a card that is not active cannot be unlocked, as the specific error. */
export function statusError(credential: Pick<Credential, 'status' | 'revokedReason'>) {
  if (credential.status === 'locked') return passkeyErrors.create('card_locked');
  if (credential.status === 'revoked') {
    return passkeyErrors.create(credential.revokedReason === 'replaced' ? 'card_moved' : 'card_revoked');
  }
  return null;
}

export async function findCredential(db: Executor, credentialId: string): Promise<Credential | null> {
  if (typeof credentialId !== 'string' || !/^[A-Za-z0-9_-]{1,1400}$/.test(credentialId)) return null;
  const [row] = await db.select().from(credentials).where(eq(credentials.credentialId, credentialId));
  return row ?? null;
}

export type UnlockTarget = { credentialId: string } | { residentId: number };

export type UnlockOptions = PublicKeyCredentialRequestOptionsJSON & { challenge: string };

/**
 * One challenge for both signatures. The phone names its card (the
 * credential ID it keeps), or the caller names the resident; a card that
 * moved to another phone, was revoked or locked is refused right here, so
 * the old phone learns why before any prompt.
 */
export async function beginUnlock(
  db: Executor,
  clock: Clock,
  config: PasskeyConfig,
  target: UnlockTarget,
): Promise<UnlockOptions> {
  let credential: Credential | null;
  if ('credentialId' in target) {
    credential = await findCredential(db, target.credentialId);
    if (!credential) throw passkeyErrors.create('credential_unknown');
    const refused = statusError(credential);
    if (refused) throw refused;
  } else {
    const [row] = await db
      .select()
      .from(credentials)
      .where(and(eq(credentials.residentId, target.residentId), eq(credentials.status, 'active')));
    if (!row) throw passkeyErrors.create('credential_unknown');
    credential = row;
  }
  const challenge = await issueChallenge(db, clock, 'resident_authentication', `${SUBJECT_PREFIX}${credential.residentId}`);
  const options = await generateAuthenticationOptions({
    rpID: config.rpId,
    challenge: isoBase64URL.toBuffer(challenge),
    allowCredentials: [{ id: credential.credentialId, transports: credential.transports }],
    userVerification: 'required',
    timeout: 120_000,
  });
  return { ...options, challenge };
}

export type UnlockAnswer = {
  /** The browser's AuthenticationResponseJSON, unparsed. */
  response: unknown;
  /** The device key's signature over the same challenge, base64url. */
  deviceSignature: unknown;
};

/**
 * Verifies both signatures over one challenge and returns the unlocked
 * credential, or throws the specific passkeys.* error: wrong/used/expired
 * challenge, a registration answer, wrong origin or RP ID, no user
 * verification, an unknown credential or one of another resident, a card no
 * longer active, a sign counter that went backwards, a bad signature or
 * device signature.
 *
 * Call it on the database handle, not inside a transaction of your own: the
 * challenge is used up, and a refusal audited, even when the unlock is
 * refused — a caller's rollback would undo both. Put what must happen with
 * a successful unlock in `onUnlocked` (same transaction as the counter update).
 */
export async function completeUnlock(
  db: Executor,
  clock: Clock,
  config: PasskeyConfig,
  answer: UnlockAnswer,
  /** Runs in the transaction that records the unlock (e.g. to open a session), and only if it succeeds. */
  onUnlocked?: (tx: Tx, credential: Credential) => Promise<void>,
): Promise<Credential> {
  const { response, clientData } = parseCredentialResponse(answer.response);
  assertCeremonyType(clientData, 'webauthn.get');
  const row = await takeChallenge(db, clock, clientData.challenge, 'resident_authentication', (s) => s.startsWith(SUBJECT_PREFIX));
  const residentId = Number(row.subject.slice(SUBJECT_PREFIX.length));
  assertOrigin(clientData, config.origins);
  const parsed = checkAuthenticatorData(response, 'webauthn.get', config.rpId);

  const credential = await findCredential(db, response.id);
  if (!credential) throw passkeyErrors.create('credential_unknown');
  if (credential.residentId !== residentId) {
    await recordAudit(db, clock, {
      actor: { kind: 'anonymous' },
      action: 'credential.unlock_refused',
      subject: { kind: 'credential', id: credential.id },
      detail: { reason: 'other_resident' },
    });
    throw passkeyErrors.create('credential_other_resident');
  }
  const refused = statusError(credential);
  if (refused) throw refused;
  if ((parsed.counter > 0 || credential.counter > 0) && parsed.counter <= credential.counter) {
    await recordAudit(db, clock, {
      actor: { kind: 'resident', id: residentId },
      action: 'credential.unlock_refused',
      subject: { kind: 'credential', id: credential.id },
      detail: { reason: 'counter_regression', stored: credential.counter, received: parsed.counter },
    });
    throw passkeyErrors.create('counter_regression');
  }

  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: asAuthenticationJSON(response),
      expectedChallenge: clientData.challenge,
      expectedOrigin: [...config.origins],
      expectedRPID: config.rpId,
      expectedType: 'webauthn.get',
      requireUserVerification: true,
      credential: {
        id: credential.credentialId,
        publicKey: new Uint8Array(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports as never,
      },
    });
  } catch (error) {
    throw passkeyErrors.create('verification_failed', {}, { cause: error });
  }
  if (!verification.verified) throw passkeyErrors.create('verification_failed');
  assertDeviceSignature(credential.devicePublicKey, clientData.challenge, answer.deviceSignature);

  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(credentials)
      .set({
        counter: verification.authenticationInfo.newCounter,
        backedUp: verification.authenticationInfo.credentialBackedUp,
        lastUsedAt: clock.now(),
      })
      .where(
        and(
          eq(credentials.id, credential.id),
          eq(credentials.status, 'active'),
          // A concurrent unlock with a higher counter won: ours is now a regression.
          sql`(${credentials.counter} < ${verification.authenticationInfo.newCounter} or ${verification.authenticationInfo.newCounter} = 0)`,
        ),
      )
      .returning();
    if (!updated) {
      const [now] = await tx.select().from(credentials).where(eq(credentials.id, credential.id));
      // Revoked or locked between our read and our write: the card is not unlocked.
      throw statusError(now ?? credential) ?? passkeyErrors.create('counter_regression');
    }
    if (onUnlocked) await onUnlocked(tx, updated);
    return updated;
  });
}

export type CardStatus = { status: 'active' | 'moved' | 'revoked' | 'locked' | 'unknown' };

/** What the phone that holds a credential ID should say about its card. */
export async function getCardStatus(db: Executor, credentialId: string): Promise<CardStatus> {
  const credential = await findCredential(db, credentialId);
  if (!credential) return { status: 'unknown' };
  if (credential.status === 'active') return { status: 'active' };
  if (credential.status === 'locked') return { status: 'locked' };
  return { status: credential.revokedReason === 'replaced' ? 'moved' : 'revoked' };
}
