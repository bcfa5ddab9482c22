// Verifying a presentation token: ES256 only, a kid from the published key
// set, the signature, the times, the card's physical validity and its live
// status. Every way a token fails has its own reason, and no input makes it
// throw.
import { compactVerify, errors as joseErrors } from 'jose';
import type { Clock } from '@/lib/clock';
import { CLOCK_LEEWAY_S, readableClaims, tokenPayloadSchema, TOKEN_LIFETIME_S, type DisclosedClaims } from './profiles';
import { joinStatusIndex, LIST_SIZE, type StatusView } from '@/lib/status';
import type { KeySetCache } from './key-set';

export const MAX_TOKEN_CHARS = 2048;

export const VERIFICATION_REASONS = [
  /** Not a compact JWS, or its header or claims are not what ARC Mobile signs. */
  'malformed',
  /** Signed with another algorithm than ES256 (none, HS256, RS256, …). */
  'alg_not_allowed',
  /** The kid names no key in the published key set (never ours, or retired long ago). */
  'unknown_key',
  /** The signature does not match: the token was changed or signed by someone else. */
  'bad_signature',
  'expired',
  /** Issued in the future: a clock is wrong, or the token was made up. */
  'not_yet_valid',
  /** The physical card's validity has ended. */
  'card_expired',
  /** Reported lost: the card is locked for good (invalid, reason "lost"; a suspended entry reads the same). */
  'locked',
  'revoked',
  /** The card was issued again on another phone; this one is no longer valid. */
  'replaced',
  /** The status could not be checked just now. */
  'status_unavailable',
] as const;
export type VerificationReason = (typeof VERIFICATION_REASONS)[number];

export type VerificationResult =
  | { valid: true; claims: DisclosedClaims }
  | { valid: false; reason: VerificationReason };

/**
 * Checks a compact JWS's ES256 signature with a public key. The default runs
 * jose's compactVerify on this thread; a server may hand the check to other
 * threads (scripts/signature-threads.ts), where the promises jose makes do
 * not pay for the async context tracking of a framework on this one.
 * 'malformed' when jose refuses the token before its signature.
 */
export type SignatureCheck = (token: string, key: CryptoKey) => Promise<SignatureOutcome>;
export type SignatureOutcome = 'valid' | 'bad_signature' | 'malformed';

export const checkSignatureHere: SignatureCheck = async (token, key) => {
  try {
    await compactVerify(token, key, { algorithms: ['ES256'] });
    return 'valid';
  } catch (error) {
    return error instanceof joseErrors.JWSSignatureVerificationFailed ? 'bad_signature' : 'malformed';
  }
};

export type VerifyDeps = { clock: Clock; keySet: KeySetCache; statusView: StatusView; checkSignature?: SignatureCheck };

const SEGMENT = /^[A-Za-z0-9_-]*$/;
const STATUS_LIST_PATH = /\/api\/status-lists\/(\d{1,6})$/;

function fail(reason: VerificationReason): VerificationResult {
  return { valid: false, reason };
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The list number in a status list URL (…/api/status-lists/<n>), or null. */
function listIdOf(uri: string): number | null {
  let pathname: string;
  try {
    pathname = new URL(uri).pathname;
  } catch {
    return null;
  }
  const match = STATUS_LIST_PATH.exec(pathname);
  const id = match ? Number(match[1]) : 0;
  return id >= 1 ? id : null;
}

function seoulToday(at: Date): number {
  return Number(new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 10).replace(/-/g, ''));
}

export async function verifyPresentation(deps: VerifyDeps, token: unknown): Promise<VerificationResult> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_CHARS) return fail('malformed');
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return fail('malformed');
  const [headerPart, payloadPart] = parts as [string, string, string];

  const header = decodeJson(headerPart);
  if (!header || typeof header !== 'object' || Array.isArray(header)) return fail('malformed');
  const { alg, kid, crit, b64 } = header as Record<string, unknown>;
  // The allow-list: ES256 and nothing else, decided before any key is touched.
  if (alg !== 'ES256') return fail('alg_not_allowed');
  if (crit !== undefined || b64 !== undefined) return fail('malformed');
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > 64) return fail('unknown_key');

  let key: CryptoKey | null;
  try {
    key = await deps.keySet.get(kid);
  } catch {
    return fail('status_unavailable');
  }
  if (!key) return fail('unknown_key');

  let signature: SignatureOutcome;
  try {
    signature = await (deps.checkSignature ?? checkSignatureHere)(token.trim(), key);
  } catch {
    // Only a checking thread that failed gets here; the token was not judged.
    return fail('status_unavailable');
  }
  if (signature !== 'valid') return fail(signature);

  const parsed = tokenPayloadSchema.safeParse(decodeJson(payloadPart));
  if (!parsed.success) return fail('malformed');
  const payload = parsed.data;
  if (payload.exp - payload.iat !== TOKEN_LIFETIME_S) return fail('malformed');

  const now = deps.clock.now();
  const nowS = Math.floor(now.getTime() / 1000);
  if (payload.iat > nowS + CLOCK_LEEWAY_S) return fail('not_yet_valid');
  // Past its time, expired: the leeway is for an issuing instance's clock running ahead (above), never a
  // grace after the time the holder's screen showed (a clerk saw a green "valid" for a code already expired).
  if (payload.exp <= nowS) return fail('expired');
  if ('vu' in payload && payload.vu < seoulToday(now)) return fail('card_expired');

  const listId = listIdOf(payload.status.status_list.uri);
  if (listId === null || payload.status.status_list.idx >= LIST_SIZE) return fail('malformed');

  let status;
  try {
    status = await deps.statusView.get(joinStatusIndex(listId, payload.status.status_list.idx));
  } catch {
    return fail('status_unavailable');
  }
  if (status.status === 'suspended') return fail('locked');
  if (status.status === 'invalid') return fail(status.reason === 'replaced' ? 'replaced' : status.reason === 'lost' ? 'locked' : 'revoked');
  return { valid: true, claims: readableClaims(payload) };
}
