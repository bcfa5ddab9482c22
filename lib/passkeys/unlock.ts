// Unlocking the card on the phone that holds it: a passkey assertion (the
// person: fingerprint, face or PIN) AND the device key's signature (this
// phone: the key cannot leave its IndexedDB) over the same server challenge.
// The presentation issue calls these to open "My card".
import { and, eq, is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { credentials, type Credential } from '@/db/schema';
import type { Db, Executor, Tx } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { recordAudit } from '@/lib/audit';
import { isAppError } from '@/lib/errors';
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

export async function findCredential(db: Executor, credentialId: string, forUpdate = false): Promise<Credential | null> {
  if (typeof credentialId !== 'string' || !/^[A-Za-z0-9_-]{1,1400}$/.test(credentialId)) return null;
  const query = db.select().from(credentials).where(eq(credentials.credentialId, credentialId));
  const [row] = forUpdate ? await query.for('update') : await query;
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
 * It runs its own transaction, on the database handle (never inside a
 * caller's transaction, which it refuses): the challenge is used up, and a
 * refusal audited (credential.unlock_refused, with the error's code), in a
 * transaction that commits even when the unlock is refused; the refusal is
 * thrown after the commit. So a challenge is good for one try, right or
 * wrong. What must happen with a successful unlock goes in `onUnlocked`: it
 * runs with the counter update in a savepoint of that transaction, and if it
 * throws, both are undone (the challenge stays used) and its error is thrown.
 */
export async function completeUnlock(
  db: Db,
  clock: Clock,
  config: PasskeyConfig,
  answer: UnlockAnswer,
  /** Runs in the transaction that records the unlock (e.g. to open a session), and only if it succeeds. */
  onUnlocked?: (tx: Tx, credential: Credential) => Promise<void>,
  /** Added to the refusal's audit entry (e.g. the verifier request being approved); never personal data. */
  context: { auditDetail?: Record<string, unknown> } = {},
): Promise<Credential> {
  if (is(db, PgTransaction)) {
    throw new Error('completeUnlock runs its own transaction: call it on the database handle (a caller\'s rollback would undo the used challenge and the refusal)');
  }
  const { response, clientData } = parseCredentialResponse(answer.response);
  assertCeremonyType(clientData, 'webauthn.get');

  const outcome = await db.transaction(async (tx): Promise<{ unlocked: Credential } | { refused: unknown }> => {
    // Used up here, committed with whatever follows.
    const row = await takeChallenge(tx, clock, clientData.challenge, 'resident_authentication', (s) => s.startsWith(SUBJECT_PREFIX));
    const residentId = Number(row.subject.slice(SUBJECT_PREFIX.length));
    let credential: Credential | null = null;
    let refusalDetail: Record<string, unknown> = {};
    let newCounter: number;
    let backedUp: boolean;
    try {
      assertOrigin(clientData, config.origins);
      const parsed = checkAuthenticatorData(response, 'webauthn.get', config.rpId);
      // Locked: a concurrent unlock, lock or revocation of this card waits for ours.
      credential = await findCredential(tx, response.id, true);
      if (!credential) throw passkeyErrors.create('credential_unknown');
      if (credential.residentId !== residentId) throw passkeyErrors.create('credential_other_resident');
      const refused = statusError(credential);
      if (refused) throw refused;
      if ((parsed.counter > 0 || credential.counter > 0) && parsed.counter <= credential.counter) {
        refusalDetail = { stored: credential.counter, received: parsed.counter };
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
      newCounter = verification.authenticationInfo.newCounter;
      backedUp = verification.authenticationInfo.credentialBackedUp;
    } catch (error) {
      if (!isAppError(error)) throw error;
      await recordAudit(tx, clock, {
        actor: { kind: 'anonymous' },
        action: 'credential.unlock_refused',
        subject: credential ? { kind: 'credential', id: credential.id } : { kind: 'resident', id: residentId },
        detail: { ...context.auditDetail, reason: error.code, ...refusalDetail },
      });
      return { refused: error };
    }

    const id = credential.id;
    try {
      // A savepoint: if onUnlocked fails, the unlock is undone and the challenge stays used.
      const unlocked = await tx.transaction(async (sp) => {
        const [updated] = await sp
          .update(credentials)
          .set({ counter: newCounter, backedUp, lastUsedAt: clock.now() })
          .where(and(eq(credentials.id, id), eq(credentials.status, 'active')))
          .returning();
        if (!updated) throw passkeyErrors.create('credential_unknown');
        if (onUnlocked) await onUnlocked(sp, updated);
        return updated;
      });
      return { unlocked };
    } catch (error) {
      return { refused: error };
    }
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.unlocked;
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
