// WebRTC signalling for the video check, relayed through the database so
// that any instance can take either side's requests: each side posts its
// offers, answers and ICE candidates as rows of session_signals and reads
// the other side's rows after the last sequence number it saw. Only the two
// parties take part: the resident by the booking's secret link, the officer
// by being the session's officer. The media itself goes browser to browser.
import { and, asc, count, eq, gt, ne } from 'drizzle-orm';
import { z } from 'zod';
import { sessionSignals, type ProofingSession } from '@/db/schema';
import type { Executor } from '@/db/client';
import { parseLivenessPrompt } from './liveness';
import { officerSession, residentSessionBySecret, videoErrors, type ProofingDeps } from './sessions';

/**
 * hello: a side (re)joined and wants a fresh offer; offer/answer: session
 * descriptions; candidate: one ICE candidate (null: no more); bye: the side
 * left; prompt: the officer shows a liveness prompt on the resident's screen.
 */
export const SIGNAL_KINDS = ['hello', 'offer', 'answer', 'candidate', 'bye', 'prompt'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export type SignalSender = 'resident' | 'officer';

/** Enough for many reconnections; a flood stops here. */
export const MAX_SIGNALS_PER_SESSION = 2000;
/** At most this many rows per read. */
export const SIGNALS_PER_READ = 50;

const generation = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const payloads = {
  hello: z.object({ generation }).strict(),
  offer: z.object({ generation, sdp: z.string().min(1).max(30_000) }).strict(),
  answer: z.object({ generation, sdp: z.string().min(1).max(30_000) }).strict(),
  candidate: z
    .object({
      generation,
      candidate: z
        .object({
          candidate: z.string().max(2000),
          sdpMid: z.string().max(64).nullable().optional(),
          sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
          usernameFragment: z.string().max(256).nullable().optional(),
        })
        .strict()
        .nullable(),
    })
    .strict(),
  bye: z.object({}).strict(),
  prompt: z.object({ index: z.number().int().min(0).max(1) }).strict(),
} satisfies Record<SignalKind, z.ZodType>;

export type SignalParty = { role: 'resident'; secret: string } | { role: 'officer'; officerId: string; sessionId: string };

export type RelayedSignal = { seq: number; kind: SignalKind; payload: unknown };

async function sessionOf(db: Executor, party: SignalParty): Promise<{ session: ProofingSession; sender: SignalSender }> {
  if (party.role === 'officer') return { session: await officerSession(db, party.officerId, party.sessionId), sender: 'officer' };
  const { session } = await residentSessionBySecret(db, party.secret);
  if (!session) throw videoErrors.create('session_not_started');
  if (!session.residentJoinedAt) throw videoErrors.create('not_joined');
  return { session, sender: 'resident' };
}

/** A side sends one signal to the other. After the outcome only "bye" is taken. */
export async function postSignal(deps: ProofingDeps, input: { party: SignalParty; kind: SignalKind; payload: unknown }): Promise<{ seq: number }> {
  const { db, clock } = deps;
  const { session, sender } = await sessionOf(db, input.party);
  if ((session.outcome || session.endedAt) && input.kind !== 'bye') throw videoErrors.create('session_ended');
  const parsed = payloads[input.kind].safeParse(input.payload ?? {});
  if (!parsed.success) throw videoErrors.create('signal_invalid');
  let payload: unknown = parsed.data;
  if (input.kind === 'prompt') {
    // Only the officer shows prompts, and only the session's own: the resident's page reads the prompt from here.
    if (sender !== 'officer') throw videoErrors.create('not_your_session');
    const prompt = parseLivenessPrompt(session.liveness?.[(parsed.data as { index: number }).index]);
    if (!prompt) throw videoErrors.create('signal_invalid');
    payload = { index: (parsed.data as { index: number }).index, prompt };
  }
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(sessionSignals).where(eq(sessionSignals.sessionId, session.id));
  if (n >= MAX_SIGNALS_PER_SESSION) throw videoErrors.create('too_many_signals');
  const [row] = await db
    .insert(sessionSignals)
    .values({ sessionId: session.id, sender, kind: input.kind, payload, createdAt: clock.now() })
    .returning({ seq: sessionSignals.seq });
  return { seq: row!.seq };
}

/** The other side's signals after `after`, oldest first, at most SIGNALS_PER_READ; `ended` once the session has an outcome. */
export async function readSignals(
  deps: ProofingDeps,
  input: { party: SignalParty; after: number },
): Promise<{ signals: RelayedSignal[]; ended: boolean }> {
  const { db } = deps;
  if (input.party.role === 'resident') {
    // Before the officer starts (or before joining) there is nothing to read yet.
    const { session } = await residentSessionBySecret(db, input.party.secret);
    if (!session || !session.residentJoinedAt) return { signals: [], ended: Boolean(session?.outcome) };
  }
  const { session, sender } = await sessionOf(db, input.party);
  const rows = await db
    .select({ seq: sessionSignals.seq, kind: sessionSignals.kind, payload: sessionSignals.payload })
    .from(sessionSignals)
    .where(and(eq(sessionSignals.sessionId, session.id), ne(sessionSignals.sender, sender), gt(sessionSignals.seq, Math.max(0, Math.floor(input.after)))))
    .orderBy(asc(sessionSignals.seq))
    .limit(SIGNALS_PER_READ);
  return { signals: rows.map((r) => ({ seq: r.seq, kind: r.kind as SignalKind, payload: r.payload })), ended: Boolean(session.outcome) };
}
