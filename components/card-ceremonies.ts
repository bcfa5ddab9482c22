// The phone's half of the two ceremonies that bind the card to it, for the
// enrollment page and for "My card": making the passkey + device key, and
// unlocking with both over one server challenge. Plain fetch + the
// SimpleWebAuthn browser helpers; failures come back as a code the page
// turns into a translated message.
import { startAuthentication, startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import {
  CARD_KEY,
  exportDevicePublicKey,
  indexedDbStore,
  preparePendingKey,
  promotePendingKey,
  readRememberedCard,
  rememberCard,
  signChallenge,
  type DeviceKeyStore,
} from './device-key';

/** A failure: a server code (e.g. "passkeys.wrong_origin") or a browser one (below), with the server's params. */
export type CeremonyFailure = { ok: false; code: string; params?: Record<string, string | number>; message?: string };

/** Browser-side failures. */
export const BROWSER_CODES = {
  cancelled: 'browser.cancelled',
  alreadyRegistered: 'browser.already_registered',
  unsupported: 'browser.unsupported',
  noDeviceKey: 'browser.no_device_key',
  noCard: 'browser.no_card',
  network: 'browser.network',
} as const;

async function postJson(url: string, body: unknown): Promise<{ ok: true; data: Record<string, unknown> } | CeremonyFailure> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, code: BROWSER_CODES.network };
  }
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return { ok: true, data };
  const error = (data.error ?? {}) as { code?: string; params?: Record<string, string | number>; message?: string };
  return { ok: false, code: error.code ?? 'internal', params: error.params, message: error.message };
}

function browserFailure(error: unknown): CeremonyFailure {
  if (error instanceof WebAuthnError) {
    if (error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return { ok: false, code: BROWSER_CODES.alreadyRegistered };
    if (error.code === 'ERROR_CEREMONY_ABORTED') return { ok: false, code: BROWSER_CODES.cancelled };
  }
  const name = (error as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'AbortError') return { ok: false, code: BROWSER_CODES.cancelled };
  if (name === 'InvalidStateError') return { ok: false, code: BROWSER_CODES.alreadyRegistered };
  return { ok: false, code: BROWSER_CODES.unsupported };
}

export function webauthnAvailable(): boolean {
  return typeof window !== 'undefined' && !!window.PublicKeyCredential && !!crypto?.subtle && typeof indexedDB !== 'undefined';
}

/**
 * Enrollment: a new device key, the passkey, and the device key's signature
 * over the same challenge, sent to the server; on success this phone
 * remembers its card.
 */
export async function enrollThisPhone(
  urls: { options: string; verify: string },
  store: DeviceKeyStore = indexedDbStore(),
): Promise<{ ok: true; credentialId: string; revoked: number } | CeremonyFailure> {
  if (!webauthnAvailable()) return { ok: false, code: BROWSER_CODES.unsupported };
  const options = await postJson(urls.options, {});
  if (!options.ok) return options;
  const optionsJSON = options.data.options as PublicKeyCredentialCreationOptionsJSON;
  const pair = await preparePendingKey(store);
  let response;
  try {
    response = await startRegistration({ optionsJSON });
  } catch (error) {
    return browserFailure(error);
  }
  const verified = await postJson(urls.verify, {
    response,
    devicePublicKey: await exportDevicePublicKey(pair),
    deviceSignature: await signChallenge(pair, optionsJSON.challenge),
  });
  if (!verified.ok) return verified;
  await promotePendingKey(store);
  const credentialId = String(verified.data.credentialId);
  rememberCard({ credentialId, issuedAt: new Date().toISOString() });
  return { ok: true, credentialId, revoked: Number(verified.data.revoked ?? 0) };
}

/**
 * Unlock: the server's challenge for this phone's card, the passkey
 * assertion and the device key's signature over it. `verify` may be any
 * route that calls lib/passkeys completeUnlock (e.g. one that then signs a
 * presentation); `extra` goes into its body.
 */
export async function unlockThisPhone(
  urls: { options: string; verify: string },
  extra: Record<string, unknown> = {},
  store: DeviceKeyStore = indexedDbStore(),
): Promise<{ ok: true; data: Record<string, unknown> } | CeremonyFailure> {
  if (!webauthnAvailable()) return { ok: false, code: BROWSER_CODES.unsupported };
  const card = readRememberedCard();
  if (!card) return { ok: false, code: BROWSER_CODES.noCard };
  const pair = await store.get(CARD_KEY);
  if (!pair) return { ok: false, code: BROWSER_CODES.noDeviceKey };
  const options = await postJson(urls.options, { credentialId: card.credentialId });
  if (!options.ok) return options;
  const optionsJSON = options.data.options as PublicKeyCredentialRequestOptionsJSON;
  let response;
  try {
    response = await startAuthentication({ optionsJSON });
  } catch (error) {
    return browserFailure(error);
  }
  return postJson(urls.verify, { ...extra, response, deviceSignature: await signChallenge(pair, optionsJSON.challenge) });
}

export type PhoneCardState =
  | { state: 'none' }
  | { state: 'active' | 'moved' | 'revoked' | 'locked' | 'unknown'; credentialId: string; hasDeviceKey: boolean };

/** What this phone holds: no card, or a card and what the server says about it now. */
export async function checkThisPhone(statusUrl = '/api/passkeys/status', store: DeviceKeyStore = indexedDbStore()): Promise<PhoneCardState> {
  const card = readRememberedCard();
  if (!card) return { state: 'none' };
  const hasDeviceKey = !!(await store.get(CARD_KEY).catch(() => null));
  const result = await postJson(statusUrl, { credentialId: card.credentialId });
  const status = result.ok ? String(result.data.status) : 'unknown';
  return { state: status as 'active', credentialId: card.credentialId, hasDeviceKey };
}
