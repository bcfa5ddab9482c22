// Reporting a card lost. From any device, without the lost phone: the
// registration number, the card serial and the date of birth; or by an
// officer (on the phone or at a counter) for a resident they found. Every
// active mobile card of that resident locks in the same transaction as the
// report, its audit entry and its counter. A locked card never unlocks:
// getting the card again (reissue) needs the full proof of an enrollment.
import { createHash, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, Executor } from '@/db/client';
import { lossReports } from '@/db/schema';
import { countFunnelEvent } from '@/lib/analytics';
import { recordAudit, type AuditActor } from '@/lib/audit';
import { seoulDay, type Clock } from '@/lib/clock';
import { consumeAttempt } from '@/lib/limits';
import { findCurrentCard, findResidentById, findResidentByRegistrationNumber } from '@/lib/registry';
import type { DataKeys } from '@/lib/security';
import { activeStaffRole } from '@/lib/staff';
import { markStatusViewsStale } from '@/lib/status';
import { checkLossDetails, LOSS_FIELDS, type BirthDateParts } from './details';
import { lossErrors } from './errors';
import { LOSS_LIMITS } from './limits';
import { lockActiveCards, NO_RESIDENT } from './lock';
import { newReference } from './reference';

export type LossDeps = {
  db: Db;
  clock: Clock;
  keys: DataKeys;
  /** The least time an online report takes to answer (default LOSS_ANSWER_MIN_MS; tests may set 0). */
  minAnswerMs?: number;
};

/**
 * An online report is answered no sooner than this after it arrived. Both
 * branches run the same statements, but a match writes a few more rows (the
 * credential, its status entry, an audit entry): measured on PostgreSQL,
 * about 27 ms against 16 ms. Answering at a fixed time well above either
 * hides the difference.
 */
export const LOSS_ANSWER_MIN_MS = 250;

export type LossReportInput = {
  registrationNumber: string;
  cardSerial: string;
  /** YYYY-MM-DD, or the three numbers as typed. */
  birthDate: string | BirthDateParts;
  /** The page's language: counted with the report (never the person). */
  locale: string;
  /** The client's address (lib/limits clientAddressFrom), for the per-client limit. */
  client: string;
};

/** The answer: the same shape, and no other field, whether or not the details matched a card. */
export type LossReportAnswer = { reference: string };

/** Funnel events (per day, locale and channel): reports that found the resident, and those that did not. */
export const LOSS_REPORTED = 'loss_reported';
export const LOSS_REPORT_UNMATCHED = 'loss_report_unmatched';

type ShortCode<C> = C extends `loss.${infer S}` ? S : never;

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Inserts the report under a fresh reference (drawn again on the rare clash). */
async function insertReport(
  tx: Executor,
  clock: Clock,
  row: { residentId: number | null; channel: 'online' | 'officer'; officerId?: string },
): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = newReference();
    const inserted = await tx
      .insert(lossReports)
      .values({ reference, residentId: row.residentId, channel: row.channel, officerId: row.officerId ?? null, lockedCount: 0, reportedAt: clock.now() })
      .onConflictDoNothing()
      .returning({ reference: lossReports.reference });
    if (inserted.length === 1) return reference;
  }
  throw new Error('loss report: no free reference after 5 draws');
}

async function setLockedCount(tx: Executor, reference: string, lockedCount: number): Promise<void> {
  await tx.update(lossReports).set({ lockedCount }).where(eq(lossReports.reference, reference));
}

/**
 * A loss report from any device. Form errors are thrown first (the first
 * field's code) and spend no try; then, in ONE transaction: the attempt is
 * counted per registration number and per client (limits.rate_limited when
 * over), the resident is looked up by the keyed hash of the number and
 * their current card's serial and the birth date compared in constant time;
 * on a match every active card locks (lockActiveCards) and the report names
 * the resident; otherwise the report is kept without one. Either way the
 * answer is a fresh reference and nothing else, and both ways run the same
 * statements, so neither the answer nor its time tells whether the details
 * matched.
 */
export async function reportLoss(deps: LossDeps, input: LossReportInput): Promise<LossReportAnswer> {
  const { db, clock, keys } = deps;
  const checked = checkLossDetails(input, seoulDay(clock.now()));
  if (!checked.ok) {
    const first = checked.errors[LOSS_FIELDS.find((f) => checked.errors[f])!]!;
    throw lossErrors.create(first.slice('loss.'.length) as ShortCode<typeof first>);
  }
  const { details } = checked;
  const started = performance.now();
  // The client first, in its own statement: one client trying many numbers is stopped before any
  // number's count moves, and its counter's row is locked for that statement only — not for the
  // report's whole transaction, where every request of one busy client (an office, a proxy)
  // would queue on it holding a pooled connection.
  await consumeAttempt(db, clock, keys, { limit: 'loss_client', subject: input.client, ...LOSS_LIMITS.perClient });
  const result = await db.transaction(async (tx) => {
    await consumeAttempt(tx, clock, keys, { limit: 'loss_reg', subject: details.registrationNumber, ...LOSS_LIMITS.perRegistrationNumber });

    const resident = await findResidentByRegistrationNumber(tx, keys, details.registrationNumber);
    const card = await findCurrentCard(tx, resident?.id ?? NO_RESIDENT);
    // Serial and birth date compared as one, in constant time; without a card, against a stand-in that never matches.
    const given = digest(`given\u0000${details.cardSerial}\u0000${details.birthDate}`);
    const expected = digest(resident && card ? `given\u0000${card.serial}\u0000${resident.birthDate}` : `none\u0000${details.cardSerial}`);
    const matched = timingSafeEqual(given, expected) && !!resident && !!card;

    const actor: AuditActor = { kind: 'anonymous' };
    const saved = await insertReport(tx, clock, { residentId: matched ? resident!.id : null, channel: 'online' });
    const lockedCount = await lockActiveCards(tx, clock, { residentId: matched ? resident!.id : NO_RESIDENT, actor, reference: saved });
    await setLockedCount(tx, saved, lockedCount);
    await recordAudit(tx, clock, {
      actor,
      action: matched ? 'loss.reported' : 'loss.report_unmatched',
      subject: matched ? { kind: 'resident', id: resident!.id } : { kind: 'loss_report', id: saved },
      detail: matched ? { reference: saved, channel: 'online', lockedCount } : { reference: saved, channel: 'online' },
    });
    await countFunnelEvent(tx, clock, { event: matched ? LOSS_REPORTED : LOSS_REPORT_UNMATCHED, locale: input.locale, path: 'online' });
    return { reference: saved, lockedCount };
  });
  // Committed: every status view in this process reads the list again before its next answer.
  if (result.lockedCount > 0) markStatusViewsStale();
  const wait = (deps.minAnswerMs ?? LOSS_ANSWER_MIN_MS) - (performance.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return { reference: result.reference };
}

export type OfficerLossReport = { reference: string; lockedCount: number };

/**
 * An officer reports a resident's card lost (the resident on the phone or
 * at the counter, found through the officer's audited look-up): every
 * active card locks, the report and its audit entry name the officer.
 */
export async function reportLossByOfficer(
  deps: LossDeps,
  input: { officerId: string; residentId: number; locale: string },
): Promise<OfficerLossReport> {
  const { db, clock } = deps;
  const result = await db.transaction(async (tx) => {
    if ((await activeStaffRole(tx, input.officerId)) !== 'officer') throw lossErrors.create('not_an_officer');
    const resident = await findResidentById(tx, input.residentId);
    if (!resident) throw lossErrors.create('resident_not_found');
    const actor: AuditActor = { kind: 'staff', id: input.officerId };
    const saved = await insertReport(tx, clock, { residentId: resident.id, channel: 'officer', officerId: input.officerId });
    const lockedCount = await lockActiveCards(tx, clock, { residentId: resident.id, actor, reference: saved });
    await setLockedCount(tx, saved, lockedCount);
    await recordAudit(tx, clock, {
      actor,
      action: 'loss.reported',
      subject: { kind: 'resident', id: resident.id },
      detail: { reference: saved, channel: 'officer', lockedCount },
    });
    await countFunnelEvent(tx, clock, { event: LOSS_REPORTED, locale: input.locale, path: 'officer' });
    return { reference: saved, lockedCount };
  });
  if (result.lockedCount > 0) markStatusViewsStale();
  return result;
}
