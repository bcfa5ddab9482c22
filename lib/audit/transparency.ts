// What the public sees of the log: the latest signed checkpoint (or one of
// a given size), the current number of entries, and the checkpoint keys'
// public halves, so that anyone can check the signature themselves.
import type { Executor } from '@/db/client';
import { checkpointText } from './chain';
import { auditHeadNow, checkpointOfSize, checkpointSignatureValid, latestCheckpoint, publishedAuditKeys } from './checkpoints';

export type PublishedCheckpoint = {
  /** Entries covered. */
  size: number;
  /** Hash of entry `size`, 64 hex digits. */
  head: string;
  at: Date;
  keyId: string;
  /** Ed25519 signature over `text`, base64. */
  signature: string;
  /** The exact text signed (UTF-8). */
  text: string;
  /** Whether the signature verifies with the published key of that id. */
  signatureValid: boolean;
};

export type PublishedKey = { kid: string; kty: 'OKP'; crv: 'Ed25519'; x: string; alg: 'EdDSA'; use: 'sig' };

export type TransparencyView = {
  checkpoint: PublishedCheckpoint | null;
  /** Entries in the log now (the last checkpoint may trail it). */
  entries: number;
  keys: PublishedKey[];
};

/** The latest checkpoint (or the one of `size`; null if there is none of that size). */
export async function transparencyView(db: Executor, options: { size?: number } = {}): Promise<TransparencyView> {
  const [found, head, keys] = await Promise.all([
    options.size === undefined ? latestCheckpoint(db) : checkpointOfSize(db, options.size),
    auditHeadNow(db),
    publishedAuditKeys(db),
  ]);
  const key = found ? keys.find((k) => k.keyId === found.keyId) : undefined;
  return {
    checkpoint: found
      ? {
          size: found.size,
          head: found.head,
          at: found.at,
          keyId: found.keyId,
          signature: found.signature.toString('base64'),
          text: checkpointText(found),
          signatureValid: key ? checkpointSignatureValid(found, key) : false,
        }
      : null,
    entries: head.size,
    keys: keys.map((k) => ({ kid: k.keyId, ...k.jwk, alg: 'EdDSA', use: 'sig' })),
  };
}
