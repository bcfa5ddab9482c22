// "Verifier asks": a verifier (no account) says what it needs and who it
// is; its page shows the request as a QR code; the holder scans it, sees
// exactly who asks for what, and approves with passkey + device key or
// declines; the verifier's page polls for the answer with a secret only it
// holds (the id in the QR code alone reads nothing).
import { createHash, timingSafeEqual } from 'node:crypto';
import { and, eq, isNotNull, lt } from 'drizzle-orm';
import { presentationRequests, type PresentationRequest } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { countFunnelEvent } from '@/lib/analytics';
import { recordAudit } from '@/lib/audit';
import { completeUnlock, type UnlockAnswer } from '@/lib/passkeys';
import { decryptField, encryptField } from '@/lib/security';
import type { PresentationDeps } from './deps';
import { presentationErrors } from './errors';
import type { Profile } from './profiles';
import { randomId } from './tokens';
import { signForCredential } from './card';
import { verifyPresentation, type VerificationResult } from './verify';

export const REQUEST_TTL_MS = 5 * 60_000;
const TOKEN_AAD = 'presentation_requests.result_token';
const REQUEST_ID = /^[A-Za-z0-9_-]{22}$/;

export type RequestState = 'pending' | 'approved' | 'declined' | 'expired';

export type RequestView = {
  id: string;
  profile: Profile;
  verifierName: string;
  state: RequestState;
  createdAt: Date;
  expiresAt: Date;
};

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function stateOf(row: PresentationRequest, now: Date): RequestState {
  if (row.state === 'pending' && row.expiresAt <= now) return 'expired';
  return row.state;
}

function view(row: PresentationRequest, now: Date): RequestView {
  return {
    id: row.id,
    profile: row.profile,
    verifierName: row.verifierName,
    state: stateOf(row, now),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

/** A verifier's display name as typed, trimmed, with control characters removed. */
export function cleanVerifierName(value: string): string {
  return value.replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
}

/** Verifier requests one client may make in an hour (a shop's till asks a few times an hour). */
export const VERIFIER_REQUEST_CLIENT_LIMIT = { max: 120, windowMs: 60 * 60_000 } as const;

export async function createPresentationRequest(
  db: Executor,
  clock: Clock,
  input: { profile: Profile; verifierName: string; locale: string },
): Promise<{ id: string; pollSecret: string; expiresAt: Date }> {
  const now = clock.now();
  const id = randomId();
  const pollSecret = randomId();
  const expiresAt = new Date(now.getTime() + REQUEST_TTL_MS);
  await db.transaction(async (tx) => {
    // Housekeeping: requests an hour past expiry are of no use to anyone.
    await tx.delete(presentationRequests).where(lt(presentationRequests.expiresAt, new Date(now.getTime() - 3600_000)));
    await tx.insert(presentationRequests).values({
      id,
      pollSecretHash: hashSecret(pollSecret),
      profile: input.profile,
      verifierName: cleanVerifierName(input.verifierName),
      state: 'pending',
      createdAt: now,
      expiresAt,
    });
    await countFunnelEvent(tx, clock, { event: `verifier_request_created:${input.profile}`, locale: input.locale });
  });
  return { id, pollSecret, expiresAt };
}

async function findRequest(db: Executor, id: string, forUpdate = false): Promise<PresentationRequest | null> {
  if (typeof id !== 'string' || !REQUEST_ID.test(id)) return null;
  const query = db.select().from(presentationRequests).where(eq(presentationRequests.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** What the holder sees before answering: who asks, for what, until when. */
export async function viewPresentationRequest(db: Executor, clock: Clock, id: string): Promise<RequestView | null> {
  const row = await findRequest(db, id);
  return row ? view(row, clock.now()) : null;
}

function assertOpen(row: PresentationRequest | null, now: Date): asserts row is PresentationRequest {
  if (!row) throw presentationErrors.create('request_not_found');
  const state = stateOf(row, now);
  if (state === 'expired') throw presentationErrors.create('request_expired');
  if (state !== 'pending') throw presentationErrors.create('request_answered');
}

/**
 * The holder approves: the unlock (passkey + device key) is checked, the
 * token for exactly the requested profile is signed and kept (encrypted)
 * for the verifier, in one transaction with the audit entry. The unlock
 * runs on the database handle (completeUnlock): a refused approval still
 * uses up its challenge and leaves its refusal in the audit log.
 */
export async function approvePresentationRequest(
  deps: PresentationDeps,
  input: { id: string; answer: UnlockAnswer; locale: string },
): Promise<RequestView> {
  const now = deps.clock.now();
  // Said before any signature is checked; checked again on the locked row below.
  assertOpen(await findRequest(deps.db, input.id), now);
  let approved: RequestView | undefined;
  await completeUnlock(
    deps.db,
    deps.clock,
    deps.config,
    input.answer,
    async (tx, credential) => {
      const row = await findRequest(tx, input.id, true);
      assertOpen(row, now);
      const { token } = await signForCredential({ ...deps, db: tx as never }, credential, row.profile, input.locale, row.id);
      const [updated] = await tx
        .update(presentationRequests)
        .set({ state: 'approved', answeredAt: now, resultTokenEnc: encryptField(deps.keys, token, TOKEN_AAD) })
        .where(and(eq(presentationRequests.id, row.id), eq(presentationRequests.state, 'pending')))
        .returning();
      if (!updated) throw presentationErrors.create('request_answered');
      await recordAudit(tx, deps.clock, {
        actor: { kind: 'resident', id: credential.residentId },
        action: 'presentation.request_approved',
        subject: { kind: 'presentation_request', id: row.id },
        detail: { profile: row.profile, credential: credential.id },
      });
      await countFunnelEvent(tx, deps.clock, { event: `verifier_request_approved:${row.profile}`, locale: input.locale });
      approved = view(updated, now);
    },
    { auditDetail: { request: input.id } },
  );
  return approved!;
}

/** The holder declines. Needs no unlock: saying no is always allowed. */
export async function declinePresentationRequest(
  db: Executor,
  clock: Clock,
  input: { id: string; locale: string },
): Promise<RequestView> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const row = await findRequest(tx, input.id, true);
    assertOpen(row, now);
    const [updated] = await tx
      .update(presentationRequests)
      .set({ state: 'declined', answeredAt: now })
      .where(and(eq(presentationRequests.id, row.id), eq(presentationRequests.state, 'pending')))
      .returning();
    if (!updated) throw presentationErrors.create('request_answered');
    await recordAudit(tx, clock, {
      actor: { kind: 'anonymous' },
      action: 'presentation.request_declined',
      subject: { kind: 'presentation_request', id: row.id },
      detail: { profile: row.profile },
    });
    await countFunnelEvent(tx, clock, { event: `verifier_request_declined:${row.profile}`, locale: input.locale });
    return view(updated, now);
  });
}

export type RequestAnswer = RequestView & {
  /** Once approved: the token, verified here, and the verification result. Given out once. */
  token?: string;
  result?: VerificationResult;
};

/**
 * The verifier's page asks for the answer with its secret. An approved
 * answer is handed out once and then erased: the personal data it holds
 * stays in the database no longer than needed.
 */
export async function pollPresentationRequest(
  deps: PresentationDeps,
  input: { id: string; pollSecret: string },
): Promise<RequestAnswer> {
  const now = deps.clock.now();
  const row = await findRequest(deps.db, input.id);
  const expected = row ? Buffer.from(row.pollSecretHash, 'hex') : Buffer.alloc(32);
  const given = Buffer.from(hashSecret(typeof input.pollSecret === 'string' ? input.pollSecret : ''), 'hex');
  if (!row || !timingSafeEqual(expected, given)) throw presentationErrors.create('request_not_found');
  const answer: RequestAnswer = view(row, now);
  if (row.state !== 'approved' || !row.resultTokenEnc) return answer;
  // Taken by exactly one poll: the update needs the answer to be still there
  // (on PostgreSQL a concurrent poll's update waits for ours, then finds it
  // erased and takes nothing). The answer is written once, at the approval,
  // so the copy read above is the one erased here.
  const taken = await deps.db
    .update(presentationRequests)
    .set({ resultTokenEnc: null })
    .where(and(eq(presentationRequests.id, row.id), eq(presentationRequests.state, 'approved'), isNotNull(presentationRequests.resultTokenEnc)))
    .returning({ id: presentationRequests.id });
  if (taken.length !== 1) return answer;
  const token = decryptField(deps.keys, row.resultTokenEnc, TOKEN_AAD);
  const result = await verifyPresentation(deps, token);
  if (result.valid && result.claims.requestId !== row.id) return { ...answer, token, result: { valid: false, reason: 'malformed' } };
  return { ...answer, token, result };
}
