// Sessions for staff and residents, kept in the database so that any
// instance can read them. The browser holds an opaque random token (256
// bits, base64url); the table holds only its SHA-256, so a copy of the
// table signs no one in. Expiry is absolute (ttl from creation); a session
// can be ended at once (sign-out) or all of a subject's at once (a staff
// member disabled, a card moved to another phone).
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { sessions, type SessionRow } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Clock } from '@/lib/clock';

export type SessionKind = SessionRow['kind'];

export type Session = {
  id: string;
  kind: SessionKind;
  subjectId: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
};

export const STAFF_SESSION_TTL_MS = 8 * 3600_000;
export const RESIDENT_SESSION_TTL_MS = 30 * 60_000;

/** last_seen_at is written at most this often, so reads stay cheap. */
const LAST_SEEN_GRANULARITY_MS = 60_000;

/** A well-formed token: 43 base64url characters (32 bytes). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Executor,
  clock: Clock,
  input: { kind: SessionKind; subjectId: string | number; ttlMs: number },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  await db.insert(sessions).values({
    id: sessionIdOf(token),
    kind: input.kind,
    subjectId: String(input.subjectId),
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.ttlMs),
    lastSeenAt: now,
  });
  return token;
}

/** The live session of that kind for the token, or null (unknown, expired, ended, other kind, malformed). */
export async function readSession(
  db: Executor,
  clock: Clock,
  token: string | null | undefined,
  kind: SessionKind,
): Promise<Session | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const now = clock.now();
  const id = sessionIdOf(token);
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.kind, kind), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_GRANULARITY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    row.lastSeenAt = now;
  }
  return {
    id: row.id,
    kind: row.kind,
    subjectId: row.subjectId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastSeenAt: row.lastSeenAt,
  };
}

/** Ends the session the token names (sign-out). Unknown tokens are ignored. */
export async function endSession(db: Executor, clock: Clock, token: string | null | undefined): Promise<void> {
  if (!token || !TOKEN_PATTERN.test(token)) return;
  await db
    .update(sessions)
    .set({ revokedAt: clock.now() })
    .where(and(eq(sessions.id, sessionIdOf(token)), isNull(sessions.revokedAt)));
}

/** Ends every live session of one subject (disabled staff, card moved to another phone). */
export async function endSessionsOf(
  db: Executor,
  clock: Clock,
  kind: SessionKind,
  subjectId: string | number,
): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: clock.now() })
    .where(and(eq(sessions.kind, kind), eq(sessions.subjectId, String(subjectId)), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

/** Housekeeping: sessions a day past expiry are of no use. */
export async function purgeOldSessions(db: Executor, clock: Clock): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date(clock.now().getTime() - 86_400_000)));
}
