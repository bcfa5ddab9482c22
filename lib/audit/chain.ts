// The chain's arithmetic, shared by the append, the verifier and anyone who
// wants to check the log with their own tools:
//
//   canonical(entry) = RFC 8785 (JCS) JSON of
//     {seq, at, actor: {kind, id}, action, subject: {kind, id} | null, detail}
//   hash(entry)      = SHA-256(prev_hash ‖ UTF-8(canonical(entry)))
//   prev_hash        = the previous entry's hash; 32 zero bytes for entry 1.
//
// `at` is the ISO 8601 time in UTC with milliseconds. The migration that
// introduced the chain computes the same thing in SQL for the entries
// written before it (db/migrations/0008_audit_chain.sql).
import { createHash } from 'node:crypto';

export const GENESIS_HASH: Buffer = Buffer.alloc(32);

export type ChainedFields = {
  seq: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  action: string;
  subjectKind: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
};

/** RFC 8785 JSON Canonicalization Scheme: members sorted by UTF-16 code units, no whitespace, ECMAScript number form. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no form for a number that is not finite');
    return JSON.stringify(value); // ECMAScript Number#toString, as RFC 8785 §3.2.2.3 asks; -0 → "0"
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units: what RFC 8785 §3.2.3 asks.
    const keys = Object.keys(object)
      .filter((k) => object[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no form for a ${typeof value}`);
}

/** The canonical form of one entry: what its hash covers besides the previous hash. */
export function canonicalEntry(e: ChainedFields): string {
  const subject = e.subjectKind === null && e.subjectId === null ? null : { kind: e.subjectKind, id: e.subjectId };
  return canonicalJson({
    seq: e.seq,
    at: e.at.toISOString(),
    actor: { kind: e.actorKind, id: e.actorId },
    action: e.action,
    subject,
    detail: e.detail,
  });
}

/**
 * The canonical form around its seq, for an append that learns its seq
 * only from the locked head, in the same statement: canonicalEntry(e) is
 * before + String(e.seq) + after (members sort action, actor, at, detail,
 * seq, subject, and a number's form is its digits).
 */
export function canonicalAroundSeq(e: Omit<ChainedFields, 'seq'>): { before: string; after: string } {
  const subject = e.subjectKind === null && e.subjectId === null ? null : { kind: e.subjectKind, id: e.subjectId };
  return {
    before:
      `{"action":${canonicalJson(e.action)},"actor":${canonicalJson({ kind: e.actorKind, id: e.actorId })},` +
      `"at":${canonicalJson(e.at.toISOString())},"detail":${canonicalJson(e.detail)},"seq":`,
    after: `,"subject":${canonicalJson(subject)}}`,
  };
}

/** SHA-256(prev ‖ UTF-8(canonical)). */
export function chainHash(prev: Uint8Array, canonical: string): Buffer {
  return createHash('sha256').update(prev).update(canonical, 'utf8').digest();
}

export function entryHash(prev: Uint8Array, e: ChainedFields): Buffer {
  return chainHash(prev, canonicalEntry(e));
}

/**
 * Details as they will read back from the database: through JSON, so that
 * what is hashed is what is stored (undefined members dropped, dates as
 * their ISO strings, -0 as 0).
 */
export function storedDetail(detail: Record<string, unknown> | undefined): Record<string, unknown> {
  if (detail === undefined) return {};
  const copy = JSON.parse(JSON.stringify(detail)) as unknown;
  if (!copy || typeof copy !== 'object' || Array.isArray(copy)) throw new TypeError('an audit detail must be a plain object');
  return copy as Record<string, unknown>;
}

/** The first line of every checkpoint's signed text: which log, which format. */
export const CHECKPOINT_ORIGIN = 'ARC Mobile audit checkpoint v1';

/**
 * The exact text a checkpoint's signature covers (UTF-8, Ed25519):
 *   ARC Mobile audit checkpoint v1\n<size>\n<head: 64 hex digits>\n<at: ISO 8601, UTC>\n
 */
export function checkpointText(c: { size: number; head: string; at: Date }): string {
  return `${CHECKPOINT_ORIGIN}\n${c.size}\n${c.head}\n${c.at.toISOString()}\n`;
}
