import { defineErrors } from '@/lib/errors';

/** Every way a passkey ceremony or an unlock is refused, each with its own message (errors.passkeys.*). */
export const passkeyErrors = defineErrors('passkeys', {
  /** The body is not a WebAuthn credential response at all. */
  malformed_response: 400,
  /** A sign-in (webauthn.get) answer sent where a new passkey was expected. */
  not_a_registration: 400,
  /** A new-passkey (webauthn.create) answer sent where an unlock was expected. */
  not_an_unlock: 400,
  /** No such challenge, or one issued for another ceremony or person. */
  challenge_unknown: 400,
  challenge_used: 400,
  challenge_expired: 400,
  wrong_origin: 400,
  wrong_rp_id: 400,
  /** The authenticator did not verify the person (no fingerprint, face or PIN). */
  user_not_verified: 400,
  /** The configuration refuses passkeys that can be synced to other devices. */
  backup_eligible_refused: 400,
  /** The phone already holds this resident's current passkey (excludeCredentials). */
  already_registered: 409,
  verification_failed: 400,
  device_key_invalid: 400,
  device_signature_invalid: 400,
  credential_unknown: 404,
  credential_other_resident: 403,
  /** The sign counter went backwards: the passkey may have been cloned. */
  counter_regression: 400,
  /** The card was issued on another phone since. */
  card_moved: 409,
  card_revoked: 409,
  card_locked: 423,
});
