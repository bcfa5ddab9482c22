// Staff passkeys on @simplewebauthn/server: registration from an
// invitation, and sign-in with a discoverable credential. User verification
// is required in both. Challenges come from the shared store
// (lib/passkeys/challenges.ts), so a ceremony may start on one instance and
// finish on another. Before the library verifies the signature, the
// response is checked field by field so that each refusal has its own
// message (wrong origin, wrong site, wrong ceremony, no user verification,
// counter gone back).
import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { decodeAttestationObject, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import { staff, staffCredentials } from '@/db/schema';
import type { Db } from '@/db/client';
import type { AppConfig } from '@/lib/config';
import type { Clock } from '@/lib/clock';
import { recordAudit } from '@/lib/audit';
import { challengeErrors, consumeChallenge, issueChallenge } from '@/lib/passkeys';
import { createSession, endSession, STAFF_SESSION_TTL_MS, type DataKeys } from '@/lib/security';
import { openInvite, useInvite } from './accounts';
import { staffErrors } from './errors';

export type WebAuthnConfig = Pick<AppConfig, 'rpId' | 'origins'>;

/** Subject of sign-in challenges: the person is unknown until the passkey speaks. */
const SIGN_IN_SUBJECT = 'staff-sign-in';
const RP_NAME = 'ARC Mobile staff';
const ALGORITHMS = [-7, -257]; // ES256, RS256

const b64u = z.string().regex(/^[A-Za-z0-9_-]*$/).max(20_000);

/** What a route accepts as a registration response (shape only; the contents are verified here). */
export const registrationResponseSchema = z.object({
  id: b64u.min(1),
  rawId: b64u.min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64u,
    attestationObject: b64u,
    authenticatorData: b64u.optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().optional(),
    publicKey: b64u.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export const authenticationResponseSchema = z.object({
  id: b64u.min(1),
  rawId: b64u.min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64u,
    authenticatorData: b64u,
    signature: b64u,
    userHandle: b64u.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

type ClientData = { type: string; challenge: string; origin: string };

function readClientData(clientDataJSON: string): ClientData {
  try {
    const parsed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as Partial<ClientData>;
    if (typeof parsed.type !== 'string' || typeof parsed.challenge !== 'string' || typeof parsed.origin !== 'string') {
      throw new Error('fields');
    }
    return parsed as ClientData;
  } catch {
    throw staffErrors.create('passkey_failed');
  }
}

function checkClientData(cd: ClientData, expectedType: 'webauthn.create' | 'webauthn.get', config: WebAuthnConfig): void {
  if (cd.type !== expectedType) throw staffErrors.create('passkey_wrong_type');
  if (!config.origins.includes(cd.origin)) throw staffErrors.create('passkey_wrong_origin');
}

function checkAuthData(authData: Uint8Array, config: WebAuthnConfig) {
  let parsed;
  try {
    parsed = parseAuthenticatorData(new Uint8Array(authData));
  } catch {
    throw staffErrors.create('passkey_failed');
  }
  const expected = createHash('sha256').update(config.rpId).digest();
  if (!expected.equals(Buffer.from(parsed.rpIdHash))) throw staffErrors.create('passkey_wrong_site');
  if (!parsed.flags.up || !parsed.flags.uv) throw staffErrors.create('passkey_no_user_verification');
  return parsed;
}

async function consume(db: Db, clock: Clock, challenge: string, purpose: 'staff_registration' | 'staff_authentication', subject: string) {
  try {
    await consumeChallenge(db, clock, challenge, purpose, subject);
  } catch (error) {
    if (challengeErrors.is(error, 'expired')) throw staffErrors.create('passkey_challenge_expired');
    if (challengeErrors.is(error, 'invalid')) throw staffErrors.create('passkey_challenge_invalid');
    throw error;
  }
}

const toBytes = (b64url: string) => new Uint8Array(Buffer.from(b64url, 'base64url'));

// ---------------------------------------------------------------- registration

export async function startStaffRegistration(
  db: Db,
  clock: Clock,
  config: WebAuthnConfig,
  keys: DataKeys,
  input: { inviteToken: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const invite = await openInvite(db, clock, keys, input.inviteToken);
  const existing = await db
    .select({ id: staffCredentials.id, transports: staffCredentials.transports })
    .from(staffCredentials)
    .where(and(eq(staffCredentials.staffId, invite.staffId), isNull(staffCredentials.revokedAt)));
  const challenge = await issueChallenge(db, clock, 'staff_registration', invite.inviteId);
  return generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: config.rpId,
    userName: invite.handle,
    userDisplayName: invite.displayName,
    userID: new Uint8Array(invite.webauthnUserId),
    challenge: toBytes(challenge),
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    supportedAlgorithmIDs: ALGORITHMS,
  });
}

/** Verifies the invitee's new passkey, activates the account and signs them in. */
export async function finishStaffRegistration(
  db: Db,
  clock: Clock,
  config: WebAuthnConfig,
  keys: DataKeys,
  input: { inviteToken: string; response: RegistrationResponseJSON; /** The session this browser held before, if any: ended with the sign-in. */ previousToken?: string },
): Promise<{ staffId: string; sessionToken: string }> {
  const invite = await openInvite(db, clock, keys, input.inviteToken);
  const { response } = input;
  const cd = readClientData(response.response.clientDataJSON);
  checkClientData(cd, 'webauthn.create', config);
  await consume(db, clock, cd.challenge, 'staff_registration', invite.inviteId);
  let authData: Uint8Array;
  try {
    authData = decodeAttestationObject(toBytes(response.response.attestationObject)).get('authData');
  } catch {
    throw staffErrors.create('passkey_failed');
  }
  checkAuthData(authData, config);

  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: cd.challenge,
      expectedOrigin: config.origins,
      expectedRPID: config.rpId,
      expectedType: 'webauthn.create',
      requireUserPresence: true,
      requireUserVerification: true,
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (cause) {
    throw staffErrors.create('passkey_failed', {}, { cause });
  }
  if (!verification.verified) throw staffErrors.create('passkey_failed');
  const info = verification.registrationInfo;
  const now = clock.now();

  return db.transaction(async (tx) => {
    await useInvite(tx, clock, invite.inviteId);
    await tx
      .insert(staffCredentials)
      .values({
        id: info.credential.id,
        staffId: invite.staffId,
        publicKey: Buffer.from(info.credential.publicKey),
        counter: info.credential.counter,
        transports: (info.credential.transports ?? []).slice(0, 10),
        backupEligible: info.credentialDeviceType === 'multiDevice',
        backedUp: info.credentialBackedUp,
        createdAt: now,
      });
    await tx
      .update(staff)
      .set({ status: 'active', updatedAt: now })
      .where(and(eq(staff.id, invite.staffId), eq(staff.status, 'invited')));
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: invite.staffId },
      action: 'staff.passkey_registered',
      subject: { kind: 'staff', id: invite.staffId },
      detail: { inviteId: invite.inviteId, credentialId: info.credential.id, backupEligible: info.credentialDeviceType === 'multiDevice' },
    });
    await endSession(tx, clock, input.previousToken);
    const sessionToken = await createSession(tx, clock, { kind: 'staff', subjectId: invite.staffId, ttlMs: STAFF_SESSION_TTL_MS });
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: invite.staffId },
      action: 'staff.signed_in',
      subject: { kind: 'staff', id: invite.staffId },
      detail: { method: 'passkey_registration' },
    });
    return { staffId: invite.staffId, sessionToken };
  });
}

// ---------------------------------------------------------------- sign-in

/** Staff sign-in ceremonies one client may start in an hour. */
export const STAFF_SIGN_IN_CLIENT_LIMIT = { max: 60, windowMs: 60 * 60_000 } as const;

export async function startStaffSignIn(
  db: Db,
  clock: Clock,
  config: WebAuthnConfig,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const challenge = await issueChallenge(db, clock, 'staff_authentication', SIGN_IN_SUBJECT);
  return generateAuthenticationOptions({
    rpID: config.rpId,
    challenge: toBytes(challenge),
    userVerification: 'required',
    allowCredentials: [],
  });
}

/**
 * Verifies a staff passkey assertion and opens a staff session. Every
 * refusal after the challenge is known is written to the audit log too.
 */
export async function finishStaffSignIn(
  db: Db,
  clock: Clock,
  config: WebAuthnConfig,
  input: { response: AuthenticationResponseJSON; /** The session this browser held before, if any: ended with the sign-in. */ previousToken?: string },
): Promise<{ staffId: string; role: string; sessionToken: string }> {
  const { response } = input;
  const cd = readClientData(response.response.clientDataJSON);
  checkClientData(cd, 'webauthn.get', config);
  await consume(db, clock, cd.challenge, 'staff_authentication', SIGN_IN_SUBJECT);

  const refuse = async (code: Parameters<typeof staffErrors.create>[0], staffId?: string) => {
    await recordAudit(db, clock, {
      actor: { kind: staffId ? 'staff' : 'anonymous', id: staffId ?? null },
      action: 'staff.sign_in_refused',
      subject: staffId ? { kind: 'staff', id: staffId } : undefined,
      detail: { reason: code },
    });
    return staffErrors.create(code);
  };

  const [row] = await db
    .select({ cred: staffCredentials, member: staff })
    .from(staffCredentials)
    .innerJoin(staff, eq(staff.id, staffCredentials.staffId))
    .where(eq(staffCredentials.id, response.id));
  if (!row || row.cred.revokedAt) throw await refuse('passkey_unknown');
  const { cred, member } = row;
  if (response.response.userHandle && response.response.userHandle !== member.webauthnUserId.toString('base64url')) {
    throw await refuse('passkey_unknown', member.id);
  }
  if (member.status !== 'active') throw await refuse('account_disabled', member.id);

  const parsed = checkAuthData(toBytes(response.response.authenticatorData), config);
  if ((parsed.counter > 0 || cred.counter > 0) && parsed.counter <= cred.counter) {
    throw await refuse('passkey_counter', member.id);
  }

  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: cd.challenge,
      expectedOrigin: config.origins,
      expectedRPID: config.rpId,
      expectedType: 'webauthn.get',
      requireUserVerification: true,
      credential: { id: cred.id, publicKey: new Uint8Array(cred.publicKey), counter: cred.counter, transports: cred.transports },
    });
  } catch {
    throw await refuse('passkey_failed', member.id);
  }
  if (!verification.verified) throw await refuse('passkey_failed', member.id);
  const now = clock.now();

  return db.transaction(async (tx) => {
    // Conditional on the counter we checked: two replays of one assertion cannot both pass.
    const updated = await tx
      .update(staffCredentials)
      .set({
        counter: verification.authenticationInfo.newCounter,
        backedUp: verification.authenticationInfo.credentialBackedUp,
        lastUsedAt: now,
      })
      .where(and(eq(staffCredentials.id, cred.id), eq(staffCredentials.counter, cred.counter)))
      .returning({ id: staffCredentials.id });
    if (updated.length !== 1 && cred.counter !== 0) throw staffErrors.create('passkey_counter');
    // A new session on every sign-in; the one the browser held before ends (no fixation, no leftovers).
    await endSession(tx, clock, input.previousToken);
    const sessionToken = await createSession(tx, clock, { kind: 'staff', subjectId: member.id, ttlMs: STAFF_SESSION_TTL_MS });
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: member.id },
      action: 'staff.signed_in',
      subject: { kind: 'staff', id: member.id },
      detail: { method: 'passkey', credentialId: cred.id, role: member.role },
    });
    return { staffId: member.id, role: member.role, sessionToken };
  });
}
