// Resident passkeys and device keys: registration at enrollment, the one
// active card per resident, and the unlock step (passkey + device key over
// one challenge) that opens the card.
export * from './challenges';
export { passkeyErrors } from './errors';
export { takeChallenge } from './ceremony';
export { parseDevicePublicKey, isDeviceSignatureValid } from './device-key';
export {
  beginRegistration,
  verifyRegistration,
  RP_NAME,
  type PasskeyConfig,
  type RegistrationAnswer,
  type RegistrationSubject,
  type VerifiedPasskey,
} from './registration';
export { issueCredential, countActiveCredentials, type IssuedCard } from './issue';
export {
  beginUnlock,
  completeUnlock,
  getCardStatus,
  findCredential,
  statusError,
  type CardStatus,
  type UnlockAnswer,
  type UnlockOptions,
  type UnlockTarget,
} from './unlock';
export type { Credential, CredentialStatus, DevicePublicKeyJwk } from '@/db/schema';
