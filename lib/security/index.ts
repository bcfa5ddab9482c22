// Security plumbing: sealing personal data (AES-256-GCM) and the keyed
// lookup hash, the data key's source, and sessions kept in the database.
export {
  deriveDataKeys,
  encryptField,
  decryptField,
  normaliseRegistrationNumber,
  registrationLookupHash,
  type DataKeys,
} from './crypto';
export { DATA_KEY_FILE, resolveDataKey } from './data-key';
export {
  STAFF_SESSION_TTL_MS,
  RESIDENT_SESSION_TTL_MS,
  sessionIdOf,
  createSession,
  readSession,
  endSession,
  endSessionsOf,
  purgeOldSessions,
  type Session,
  type SessionKind,
} from './sessions';
export { permissionsPolicy, SECURITY_HEADERS, NONCE_HEADER, newNonce, pagePolicy, staticPagePolicy, API_POLICY, WORKER_POLICY } from './headers';
