// Presentation: the card on the holder's screen, signed short-lived QR
// tokens (compact JWS, ES256), disclosure profiles, verification, the
// published key set and the signed status lists (the entries themselves
// are lib/status's), and "verifier asks" requests.
export { presentationErrors } from './errors';
export {
  PROFILES,
  TOKEN_LIFETIME_S,
  CLOCK_LEEWAY_S,
  isAge19OrOver,
  disclosedClaims,
  readableClaims,
  type Profile,
  type CardHolder,
  type DisclosedClaims,
  type TokenPayload,
} from './profiles';
export {
  SIGNING_KEY_FILE,
  KID_LENGTH,
  parseSigningKey,
  generateSigningKey,
  resolveSigningKey,
  kidOf,
  type SigningKey,
} from './signing-key';
export { registerSigningKey, publishedKeys, RETIRED_KEY_GRACE_MS, KeySetCache } from './key-set';
export {
  MAX_TOKEN_BYTES,
  STATUS_LIST_TTL_S,
  signPresentationToken,
  signStatusList,
  statusListUrl,
  type Issuer,
  type PresentationToken,
} from './tokens';
export {
  verifyPresentation,
  checkSignatureHere,
  VERIFICATION_REASONS,
  MAX_TOKEN_CHARS,
  type VerificationReason,
  type VerificationResult,
  type SignatureCheck,
  type SignatureOutcome,
} from './verify';
export { qrSvg, qrVersion } from './qr';
export { createPresentationDeps, type PresentationDeps, type PresentationConfig } from './deps';
export { getPresentationDeps } from './runtime';
export {
  CARD_UNLOCK_TTL_MS,
  beginCardUnlock,
  completeCardUnlock,
  readUnlockedCard,
  showCard,
  issueCardToken,
  closeCard,
  type CardView,
  type UnlockedCard,
} from './card';
export {
  REQUEST_TTL_MS,
  createPresentationRequest,
  VERIFIER_REQUEST_CLIENT_LIMIT,
  viewPresentationRequest,
  approvePresentationRequest,
  declinePresentationRequest,
  pollPresentationRequest,
  cleanVerifierName,
  type RequestView,
  type RequestState,
  type RequestAnswer,
} from './requests';
export { statusListResponse, jwksResponse, MAX_VERIFY_BODY_BYTES } from './http';
export { isVerifyRequest, serveVerify, VERIFY_PATH } from './node-http';
