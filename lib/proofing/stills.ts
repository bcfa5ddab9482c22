// Stills of a video check: the face and both sides of the card, taken by the
// officer from the call only when the resident agreed (off by default),
// sealed like personal data (AES-256-GCM with the data key), and deleted
// after STILLS_RETENTION_DAYS by purgeExpiredStills — or at once when the
// resident withdraws consent. Nothing of the call is recorded otherwise.
//
// Who purges: purgeExpiredStills(db, clock) is the job; the hardening
// issue's scheduler calls it (e.g. hourly). Until then nothing calls it on
// a schedule, and stills past their date stay sealed in the table.
import { and, eq, lte } from 'drizzle-orm';
import { proofingSessions, proofingStills } from '@/db/schema';
import type { Db } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import type { Clock } from '@/lib/clock';
import { decryptField, encryptField } from '@/lib/security';
import { officerSession, residentSessionBySecret, videoErrors, type ProofingDeps } from './sessions';

export const STILL_KINDS = ['face', 'card_front', 'card_back'] as const;
export type StillKind = (typeof STILL_KINDS)[number];
/** How long stills are kept: the resident is told this number before agreeing. */
export const STILLS_RETENTION_DAYS = 30;
/** A JPEG of a video frame is far smaller; anything bigger is refused. */
export const MAX_STILL_BYTES = 400 * 1024;

const aad = (sessionId: string, kind: StillKind) => `proofing_stills.image:${sessionId}:${kind}`;

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** The resident agrees to stills, or withdraws: withdrawing deletes any taken. Audited. */
export async function recordStillsConsent(deps: ProofingDeps, input: { secret: string; consent: boolean }): Promise<{ consent: boolean; deleted: number }> {
  const { db, clock } = deps;
  return db.transaction(async (tx) => {
    const { booking, session } = await residentSessionBySecret(tx, input.secret, true);
    if (!session) throw videoErrors.create('session_not_started');
    if (session.outcome) throw videoErrors.create('session_ended');
    await tx.update(proofingSessions).set({ stillsConsent: input.consent }).where(eq(proofingSessions.id, session.id));
    const deleted = input.consent ? [] : await tx.delete(proofingStills).where(eq(proofingStills.sessionId, session.id)).returning({ id: proofingStills.id });
    await recordAudit(tx, clock, {
      actor: { kind: 'resident', id: booking.residentId },
      action: input.consent ? 'proofing.stills_consented' : 'proofing.stills_consent_withdrawn',
      subject: { kind: 'resident', id: booking.residentId },
      detail: { sessionId: session.id, deleted: deleted.length },
    });
    return { consent: input.consent, deleted: deleted.length };
  });
}

export type StillInfo = { kind: StillKind; takenAt: Date; purgeAfter: Date };

/**
 * The officer keeps a still (a JPEG of the resident's video) of the face or
 * a side of the card: only with the resident's consent, during the session;
 * one per kind (a new one replaces the last). Sealed, with its purge date.
 */
export async function saveStill(
  deps: ProofingDeps,
  input: { officerId: string; sessionId: string; kind: StillKind; jpeg: Uint8Array },
): Promise<StillInfo> {
  const { db, clock, keys } = deps;
  if (!STILL_KINDS.includes(input.kind) || input.jpeg.length > MAX_STILL_BYTES || !isJpeg(input.jpeg)) throw videoErrors.create('still_invalid');
  return db.transaction(async (tx) => {
    const session = await officerSession(tx, input.officerId, input.sessionId, true);
    if (session.outcome) throw videoErrors.create('session_ended');
    if (!session.stillsConsent) throw videoErrors.create('stills_not_consented');
    const takenAt = clock.now();
    const purgeAfter = new Date(takenAt.getTime() + STILLS_RETENTION_DAYS * 86_400_000);
    await tx.delete(proofingStills).where(and(eq(proofingStills.sessionId, session.id), eq(proofingStills.kind, input.kind)));
    await tx.insert(proofingStills).values({
      sessionId: session.id,
      kind: input.kind,
      imageEnc: encryptField(keys, Buffer.from(input.jpeg).toString('base64'), aad(session.id, input.kind)),
      takenAt,
      purgeAfter,
    });
    await recordAudit(tx, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'proofing.still_saved',
      subject: { kind: 'resident', id: session.booking.residentId },
      detail: { sessionId: session.id, kind: input.kind, purgeAfter: purgeAfter.toISOString() },
    });
    return { kind: input.kind, takenAt, purgeAfter };
  });
}

/** The stills kept for a session (what and until when; not the images). */
export async function listStills(deps: ProofingDeps, input: { officerId: string; sessionId: string }): Promise<StillInfo[]> {
  const session = await officerSession(deps.db, input.officerId, input.sessionId);
  const rows = await deps.db
    .select({ kind: proofingStills.kind, takenAt: proofingStills.takenAt, purgeAfter: proofingStills.purgeAfter })
    .from(proofingStills)
    .where(eq(proofingStills.sessionId, session.id));
  return rows.map((r) => ({ ...r, kind: r.kind as StillKind }));
}

/** A kept still, unsealed, for the session's officer (null when none). */
export async function openStill(deps: ProofingDeps, input: { officerId: string; sessionId: string; kind: StillKind }): Promise<Buffer | null> {
  const session = await officerSession(deps.db, input.officerId, input.sessionId);
  const [row] = await deps.db
    .select({ imageEnc: proofingStills.imageEnc })
    .from(proofingStills)
    .where(and(eq(proofingStills.sessionId, session.id), eq(proofingStills.kind, input.kind)));
  if (!row) return null;
  return Buffer.from(decryptField(deps.keys, row.imageEnc, aad(session.id, input.kind)), 'base64');
}

/** Deletes every still past its purge date; one audit entry with the count. Returns how many went. */
export async function purgeExpiredStills(db: Db, clock: Clock): Promise<number> {
  return db.transaction(async (tx) => {
    const gone = await tx.delete(proofingStills).where(lte(proofingStills.purgeAfter, clock.now())).returning({ id: proofingStills.id });
    if (gone.length) {
      await recordAudit(tx, clock, { actor: { kind: 'system', id: null }, action: 'proofing.stills_purged', detail: { count: gone.length } });
    }
    return gone.length;
  });
}
