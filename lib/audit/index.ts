// The audit log: append-only, hash-chained, with signed checkpoints.
// recordAudit appends inside the caller's transaction; verifyAuditChain
// recomputes the chain (npm run audit:verify); checkpoints are sealed by
// every server process (startCheckpointSealer) and published
// (GET /api/audit/checkpoint, the transparency page).
export { recordAudit, type AuditActor, type AuditEntry } from './record';
export { GENESIS_HASH, canonicalEntry, canonicalJson, chainHash, checkpointText, CHECKPOINT_ORIGIN, entryHash, type ChainedFields } from './chain';
export {
  AUDIT_KEY_FILE,
  keyIdOf,
  loadAuditKey,
  parseAuditKey,
  publicKeyFromJwk,
  resolveAuditKey,
  type AuditKey,
  type AuditPublicJwk,
  type AuditPublicKey,
} from './key';
export {
  CHECKPOINT_CHECK_MS,
  CHECKPOINT_EVERY_ENTRIES,
  CHECKPOINT_EVERY_MS,
  CheckpointRefusedError,
  auditHeadNow,
  checkpointOfSize,
  checkpointSignatureValid,
  defaultCheckpointPolicy,
  latestCheckpoint,
  publishAuditKey,
  publishedAuditKeys,
  sealCheckpointIfDue,
  type Checkpoint,
  type CheckpointPolicy,
} from './checkpoints';
export { verifyAuditChain, verifyAuditRange, type ChainProblem, type ChainProblemKind, type ChainReport, type CheckpointSummary, type VerifyOptions } from './verify';
export { createSealer, startCheckpointSealer, type CheckpointSealer } from './sealer';
export { transparencyView, type TransparencyView } from './transparency';
