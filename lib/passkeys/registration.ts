// A resident's new passkey, made on the phone during enrollment:
// discoverable (residentKey required), with user verification, no
// attestation, and the device key's proof of possession over the same
// challenge.
import { and, eq } from 'drizzle-orm';
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { credentials, type DevicePublicKeyJwk } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { AppConfig } from '@/lib/config';
import type { Clock } from '@/lib/clock';
import { issueChallenge } from './challenges';
import {
  asRegistrationJSON,
  assertCeremonyType,
  assertOrigin,
  checkAuthenticatorData,
  parseCredentialResponse,
  takeChallenge,
} from './ceremony';
import { assertDeviceSignature, parseDevicePublicKey } from './device-key';
import { passkeyErrors } from './errors';

export type PasskeyConfig = Pick<AppConfig, 'rpId' | 'origins' | 'refuseBackupEligible'>;

export const RP_NAME = 'ARC Mobile';

/** COSE ES256 and RS256: what phones' platform authenticators make. */
const SUPPORTED_ALGORITHMS = [-7, -257];

export type RegistrationSubject = {
  /** What the challenge is bound to, e.g. "enrollment:<id>". */
  subject: string;
  residentId: number;
  /** The WebAuthn user handle: stable per resident, random-looking, never personal data. */
  userId: Uint8Array;
  userName: string;
  userDisplayName: string;
};

/**
 * Creation options for the phone. The resident's active card's passkey is
 * excluded, so the same authenticator does not make a second one for the
 * same card.
 */
export async function beginRegistration(
  db: Executor,
  clock: Clock,
  config: PasskeyConfig,
  who: RegistrationSubject,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db
    .select({ credentialId: credentials.credentialId, transports: credentials.transports })
    .from(credentials)
    .where(and(eq(credentials.residentId, who.residentId), eq(credentials.status, 'active')));
  const challenge = await issueChallenge(db, clock, 'resident_registration', who.subject);
  return generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: config.rpId,
    userName: who.userName,
    userDisplayName: who.userDisplayName,
    userID: who.userId as Uint8Array<ArrayBuffer>,
    // Our base64url challenge goes out as the same string.
    challenge: isoBase64URL.toBuffer(challenge),
    timeout: 120_000,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
}

export type VerifiedPasskey = {
  credentialId: string;
  publicKey: Buffer;
  counter: number;
  transports: string[];
  aaguid: string;
  backupEligible: boolean;
  backedUp: boolean;
  devicePublicKey: DevicePublicKeyJwk;
  /** The challenge the passkey and the device key both signed. */
  challenge: string;
};

export type RegistrationAnswer = {
  /** The browser's RegistrationResponseJSON, unparsed. */
  response: unknown;
  /** The device key's public JWK. */
  devicePublicKey: unknown;
  /** The device key's signature over the same challenge, base64url. */
  deviceSignature: unknown;
};

/**
 * Checks a new passkey and device key against the challenge issued to
 * `subject`; the challenge is used up whatever the outcome. Throws a
 * specific passkeys.* error for each way it can fail. Stores nothing: the
 * caller issues the card in its own transaction.
 */
export async function verifyRegistration(
  db: Executor,
  clock: Clock,
  config: PasskeyConfig,
  subject: string,
  answer: RegistrationAnswer,
): Promise<VerifiedPasskey> {
  const { response, clientData } = parseCredentialResponse(answer.response);
  assertCeremonyType(clientData, 'webauthn.create');
  await takeChallenge(db, clock, clientData.challenge, 'resident_registration', subject);
  assertOrigin(clientData, config.origins);
  const flags = checkAuthenticatorData(response, 'webauthn.create', config.rpId);
  if (config.refuseBackupEligible && flags.flags.be) throw passkeyErrors.create('backup_eligible_refused');
  const devicePublicKey = parseDevicePublicKey(answer.devicePublicKey);

  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: asRegistrationJSON(response),
      expectedChallenge: clientData.challenge,
      expectedOrigin: [...config.origins],
      expectedRPID: config.rpId,
      expectedType: 'webauthn.create',
      requireUserVerification: true,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch (error) {
    throw passkeyErrors.create('verification_failed', {}, { cause: error });
  }
  if (!verification.verified) throw passkeyErrors.create('verification_failed');
  assertDeviceSignature(devicePublicKey, clientData.challenge, answer.deviceSignature);

  const info = verification.registrationInfo;
  return {
    credentialId: info.credential.id,
    publicKey: Buffer.from(info.credential.publicKey),
    counter: info.credential.counter,
    transports: (response.response.transports ?? []).slice(0, 10),
    aaguid: info.aaguid,
    backupEligible: info.credentialDeviceType === 'multiDevice',
    backedUp: info.credentialBackedUp,
    devicePublicKey,
    challenge: clientData.challenge,
  };
}
