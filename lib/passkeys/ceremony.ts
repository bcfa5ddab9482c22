// The checks every WebAuthn answer goes through before the library's full
// verification, each refusing with its own specific error: the shape, the
// ceremony type, the challenge (unknown, used, expired), the origin, the
// RP ID and user verification. The library then checks everything again,
// signatures included.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { decodeAttestationObject, isoBase64URL, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { webauthnChallenges } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { challengeErrors, consumeChallenge, type ChallengePurpose } from './challenges';
import { passkeyErrors } from './errors';

const b64url = z.string().regex(/^[A-Za-z0-9_-]*={0,2}$/).max(64_000);

/**
 * Either kind of answer, loosely: the ceremony is told apart by the client
 * data's type, so a sign-in answer sent to registration (or the reverse)
 * gets its own error instead of a shape error.
 */
const credentialResponseSchema = z.object({
  id: b64url.min(1).max(1400),
  rawId: b64url.min(1).max(1400),
  type: z.literal('public-key'),
  response: z
    .object({
      clientDataJSON: b64url.min(1),
      attestationObject: b64url.optional(),
      authenticatorData: b64url.optional(),
      signature: b64url.optional(),
      userHandle: b64url.nullish(),
      transports: z.array(z.string().max(32)).max(10).optional(),
      publicKey: b64url.optional(),
      publicKeyAlgorithm: z.number().optional(),
    })
    .loose(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullish(),
});

export type CredentialResponse = z.infer<typeof credentialResponseSchema>;

export type ClientData = { type: string; challenge: string; origin: string };

const clientDataSchema = z.object({ type: z.string(), challenge: z.string(), origin: z.string() }).loose();

export function parseCredentialResponse(value: unknown): { response: CredentialResponse; clientData: ClientData } {
  const parsed = credentialResponseSchema.safeParse(value);
  if (!parsed.success) throw passkeyErrors.create('malformed_response');
  let clientData: ClientData;
  try {
    const json = JSON.parse(Buffer.from(parsed.data.response.clientDataJSON, 'base64url').toString('utf8'));
    clientData = clientDataSchema.parse(json);
  } catch {
    throw passkeyErrors.create('malformed_response');
  }
  return { response: parsed.data, clientData };
}

export function assertCeremonyType(clientData: ClientData, expected: 'webauthn.create' | 'webauthn.get'): void {
  if (clientData.type === expected) return;
  throw passkeyErrors.create(expected === 'webauthn.create' ? 'not_a_registration' : 'not_an_unlock');
}

export type ChallengeRow = typeof webauthnChallenges.$inferSelect;

/**
 * Finds the challenge the answer was made for and uses it up, whatever
 * follows: a challenge is good for one try only. `expectSubject` is the
 * subject it must have been issued to (or a test on the subject).
 */
export async function takeChallenge(
  db: Executor,
  clock: Clock,
  challenge: string,
  purpose: ChallengePurpose,
  expectSubject: string | ((subject: string) => boolean),
): Promise<ChallengeRow> {
  const [row] = await db.select().from(webauthnChallenges).where(eq(webauthnChallenges.challenge, challenge));
  const subjectOk = (s: string) => (typeof expectSubject === 'string' ? s === expectSubject : expectSubject(s));
  if (!row || row.purpose !== purpose || !subjectOk(row.subject)) throw passkeyErrors.create('challenge_unknown');
  if (row.usedAt) throw passkeyErrors.create('challenge_used');
  if (row.expiresAt <= clock.now()) throw passkeyErrors.create('challenge_expired');
  try {
    await consumeChallenge(db, clock, challenge, purpose, row.subject);
  } catch (error) {
    // Someone else used it in between (or it expired this very moment).
    if (challengeErrors.is(error, 'expired')) throw passkeyErrors.create('challenge_expired');
    if (challengeErrors.is(error, 'invalid')) throw passkeyErrors.create('challenge_used');
    throw error;
  }
  return row;
}

export function assertOrigin(clientData: ClientData, origins: readonly string[]): void {
  if (!origins.includes(clientData.origin)) throw passkeyErrors.create('wrong_origin');
}

export type AuthenticatorFlags = ReturnType<typeof parseAuthenticatorData>;

function authenticatorDataOf(response: CredentialResponse, ceremony: 'webauthn.create' | 'webauthn.get'): Uint8Array<ArrayBuffer> {
  try {
    if (ceremony === 'webauthn.create') {
      if (!response.response.attestationObject) throw new Error('no attestationObject');
      const attestation = decodeAttestationObject(isoBase64URL.toBuffer(response.response.attestationObject));
      return new Uint8Array(attestation.get('authData'));
    }
    if (!response.response.authenticatorData || !response.response.signature) throw new Error('no authenticatorData');
    return isoBase64URL.toBuffer(response.response.authenticatorData);
  } catch {
    throw passkeyErrors.create('malformed_response');
  }
}

/** RP ID hash and user verification, from the authenticator's own data. */
export function checkAuthenticatorData(
  response: CredentialResponse,
  ceremony: 'webauthn.create' | 'webauthn.get',
  rpId: string,
): AuthenticatorFlags {
  let parsed: AuthenticatorFlags;
  try {
    parsed = parseAuthenticatorData(authenticatorDataOf(response, ceremony));
  } catch (error) {
    if (passkeyErrors.is(error, 'malformed_response')) throw error;
    throw passkeyErrors.create('malformed_response');
  }
  const expected = createHash('sha256').update(rpId).digest();
  if (!Buffer.from(parsed.rpIdHash).equals(expected)) throw passkeyErrors.create('wrong_rp_id');
  if (!parsed.flags.uv) throw passkeyErrors.create('user_not_verified');
  return parsed;
}

export function asRegistrationJSON(response: CredentialResponse): RegistrationResponseJSON {
  return response as unknown as RegistrationResponseJSON;
}

export function asAuthenticationJSON(response: CredentialResponse): AuthenticationResponseJSON {
  return response as unknown as AuthenticationResponseJSON;
}
