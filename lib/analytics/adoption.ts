// The adoption counters, written in the transaction of the event they
// count: a mobile card issued, revoked (replaced on another phone) or
// locked (loss report), and a booking made. Each call looks up what it
// needs about that one card (its holder's dimensions from the registry, the
// enrollment that issued it) and adds to the rollups; nothing here reads
// more than the rows of that card, and nothing written names a person.
//
// An event of today goes into adoption_daily (and its marginals) and the
// stock; a scheduled one (a band move, the card's expiry) into
// adoption_scheduled until its day comes (rollAdoptionCalendar).
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';
import {
  ADOPTION_MARGINALS,
  BOOKING_WAIT_EDGES_H,
  DAILY_MARGINALS,
  EVENT_SIGN,
  ISSUANCE_TIME_EDGES_MIN,
  ageBandOn,
  bucketOf,
  marginalRowsOf,
  scheduledChanges,
  type AdoptionEvent,
  type DimensionValues,
  type IssuancePath,
} from './dimensions';

/** One change: `delta` is added to the event's count (−1 cancels a scheduled event). */
export type FactChange = { day: string; values: DimensionValues; path: string; event: AdoptionEvent; delta: number };

type Row = Record<string, unknown>;

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Sums changes with the same key (one INSERT … ON CONFLICT may touch a row only once). */
function merge<T extends { delta: number }>(items: T[], key: (item: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const found = map.get(k);
    if (found) found.delta += item.delta;
    else map.set(k, { ...item });
  }
  return [...map.values()];
}

const VALUE_KEYS = ['nationality', 'region', 'residenceStatus', 'ageBand', 'cardKind', 'language', 'campaign'] as const;
const factKey = (c: FactChange) => [c.day, ...VALUE_KEYS.map((k) => c.values[k]), c.path, c.event].join('\u0000');
const factRow = (c: FactChange) =>
  sql`(${c.day}::date, ${c.values.nationality}, ${c.values.region}, ${c.values.residenceStatus}, ${c.values.ageBand}, ${c.values.cardKind}, ${c.values.language}, ${c.values.campaign}, ${c.path}, ${c.event}, ${c.delta}::bigint)`;

/** Events whose day has come: adoption_daily, its marginals, the stock and its marginals. */
export async function addDueEvents(tx: Executor, changes: FactChange[]): Promise<void> {
  if (changes.length === 0) return;
  const facts = merge(changes, factKey);
  await tx.execute(sql`
    insert into adoption_daily as t (day, nationality, region, residence_status, age_band, card_kind, language, campaign, path, event, count)
    values ${sql.join(facts.map(factRow), sql`, `)}
    on conflict on constraint adoption_daily_pkey do update set count = t.count + excluded.count`);
  const marginals = merge(
    facts.flatMap((c) => marginalRowsOf(c.values, DAILY_MARGINALS).map((m) => ({ ...m, day: c.day, path: c.path, event: c.event, delta: c.delta }))),
    (m) => [m.dims, m.a, m.b, m.day, m.path, m.event].join('\u0000'),
  );
  await tx.execute(sql`
    insert into adoption_daily_marginals as t (day, dims, a, b, path, event, count)
    values ${sql.join(
      marginals.map((m) => sql`(${m.day}::date, ${m.dims}, ${m.a}, ${m.b}, ${m.path}, ${m.event}, ${m.delta}::bigint)`),
      sql`, `,
    )}
    on conflict on constraint adoption_daily_marginals_pkey do update set count = t.count + excluded.count`);
  const stock = merge(
    facts.map((c) => ({ values: c.values, delta: EVENT_SIGN[c.event] * c.delta })),
    (s) => VALUE_KEYS.map((k) => s.values[k]).join('\u0000'),
  ).filter((s) => s.delta !== 0);
  if (stock.length === 0) return;
  await tx.execute(sql`
    insert into adoption_stock as t (nationality, region, residence_status, age_band, card_kind, language, campaign, active)
    values ${sql.join(
      stock.map((s) => sql`(${s.values.nationality}, ${s.values.region}, ${s.values.residenceStatus}, ${s.values.ageBand}, ${s.values.cardKind}, ${s.values.language}, ${s.values.campaign}, ${s.delta}::bigint)`),
      sql`, `,
    )}
    on conflict on constraint adoption_stock_pkey do update set active = t.active + excluded.active`);
  const stockMarginals = merge(
    stock.flatMap((s) => marginalRowsOf(s.values, ADOPTION_MARGINALS).map((m) => ({ ...m, delta: s.delta }))),
    (m) => [m.dims, m.a, m.b].join('\u0000'),
  );
  await tx.execute(sql`
    insert into adoption_stock_marginals as t (dims, a, b, active)
    values ${sql.join(
      stockMarginals.map((m) => sql`(${m.dims}, ${m.a}, ${m.b}, ${m.delta}::bigint)`),
      sql`, `,
    )}
    on conflict on constraint adoption_stock_marginals_pkey do update set active = t.active + excluded.active`);
}

/** Events of a future day: adoption_scheduled (a negative delta cancels one). */
export async function addScheduledEvents(tx: Executor, changes: FactChange[]): Promise<void> {
  if (changes.length === 0) return;
  const facts = merge(changes, factKey);
  await tx.execute(sql`
    insert into adoption_scheduled as t (day, nationality, region, residence_status, age_band, card_kind, language, campaign, path, event, count)
    values ${sql.join(facts.map(factRow), sql`, `)}
    on conflict on constraint adoption_scheduled_pkey do update set count = t.count + excluded.count`);
  if (facts.some((f) => f.delta < 0)) {
    const days = [...new Set(facts.map((f) => f.day))];
    await tx.execute(sql`delete from adoption_scheduled where count = 0 and day in (${sql.join(days.map((d) => sql`${d}::date`), sql`, `)})`);
  }
}

/** Writes each change where its day puts it: due (today or before) or scheduled. */
async function addEvents(tx: Executor, today: string, changes: FactChange[]): Promise<void> {
  await addDueEvents(
    tx,
    changes.filter((c) => c.day <= today),
  );
  await addScheduledEvents(
    tx,
    changes.filter((c) => c.day > today),
  );
}

/** What the counters need to know about one card, read from its own rows. */
type CardFacts = {
  issuedAt: Date;
  birthDate: string;
  cardExpiresOn: string;
  values: Omit<DimensionValues, 'ageBand'>;
  path: IssuancePath;
  /** The resident's first step on this path: the booking for a booked check, else the enrollment's start. */
  startedAt: Date;
};

async function cardFacts(tx: Executor, credentialId: string): Promise<CardFacts | null> {
  const [row] = rowsOf<Row>(
    await tx.execute(sql`
      select c.created_at as issued_at, r.nationality, r.region, r.residence_status, r.birth_date::text as birth_date,
             r.preferred_language, k.kind::text as card_kind, k.expires_on::text as expires_on,
             e.path::text as path, e.campaign, e.started_at, e.grant_id, g.path::text as grant_path,
             coalesce(video.created_at, visit.created_at) as booked_at, visit.kind::text as visit_kind
        from credentials c
        join residents r on r.id = c.resident_id
        left join cards k on k.resident_id = c.resident_id and k.replaced_at is null
        left join enrollments e on e.id = c.enrollment_id
        left join enrollment_grants g on g.id = e.grant_id
        left join lateral (
          select b.created_at from proofing_sessions ps join bookings b on b.id = ps.booking_id
           where g.path = 'video' and ps.grant_id = g.id limit 1
        ) video on true
        left join lateral (
          -- An office grant made from a booked visit ends that booking in the grant's own transaction.
          select b.created_at, s.kind from bookings b join slots s on s.id = b.slot_id
           where g.path = 'office' and b.resident_id = g.resident_id and b.status = 'completed' and s.kind in ('office', 'community')
             and b.ended_at between g.created_at - interval '10 minutes' and g.created_at + interval '10 minutes'
           order by b.ended_at desc limit 1
        ) visit on true
       where c.id = ${credentialId}`),
  );
  if (!row) return null;
  const enrollmentPath = (row.path as string | null) ?? 'chip';
  const path: IssuancePath =
    enrollmentPath === 'office' && row.visit_kind === 'community'
      ? 'community'
      : ((['chip', 'office', 'video', 'reissue'] as const).find((p) => p === enrollmentPath) ?? 'chip');
  const issuedAt = new Date(row.issued_at as string | Date);
  const startedAt = new Date((row.booked_at ?? row.started_at ?? row.issued_at) as string | Date);
  return {
    issuedAt,
    birthDate: row.birth_date as string,
    cardExpiresOn: (row.expires_on as string | null) ?? '9999-12-31',
    values: {
      nationality: row.nationality as string,
      region: row.region as string,
      residenceStatus: row.residence_status as string,
      cardKind: (row.card_kind as string | null) ?? 'legacy',
      language: row.preferred_language as string,
      campaign: (row.campaign as string | null) ?? '',
    },
    path,
    startedAt: startedAt <= issuedAt ? startedAt : issuedAt,
  };
}

function valuesOn(card: CardFacts, day: string): DimensionValues {
  return { ...card.values, ageBand: ageBandOn(card.birthDate, day) ?? '14-19' };
}

/**
 * A card was issued (call in the issuance's transaction, after the
 * credential row is written): +1 issued today, the card's scheduled band
 * moves and expiry, and the time it took on its path.
 */
export async function countCardIssued(tx: Executor, clock: Clock, credentialId: string): Promise<void> {
  const card = await cardFacts(tx, credentialId);
  if (!card) return;
  const day = seoulDay(card.issuedAt);
  const today = seoulDay(clock.now());
  const values = valuesOn(card, day);
  const changes: FactChange[] = [{ day, values, path: card.path, event: 'issued', delta: 1 }];
  for (const change of scheduledChanges(card.birthDate, day, card.cardExpiresOn)) {
    changes.push({ day: change.day, values: { ...values, ageBand: change.ageBand }, path: card.path, event: change.event, delta: 1 });
  }
  await addEvents(tx, today > day ? today : day, changes);
  const minutes = Math.max(0, (card.issuedAt.getTime() - card.startedAt.getTime()) / 60_000);
  await tx.execute(sql`
    insert into issuance_time_daily as t (day, path, language, bucket, count)
    values (${day}::date, ${card.path}, ${card.values.language}, ${bucketOf(ISSUANCE_TIME_EDGES_MIN, minutes)}, 1)
    on conflict on constraint issuance_time_daily_pkey do update set count = t.count + 1`);
}

/**
 * A card stopped being active today: revoked (replaced by a card on
 * another phone) or locked (reported lost). −1 in the holder's band of
 * today, and the card's scheduled changes after today are cancelled. A card
 * whose physical card expired before today already left the count then.
 */
export async function countCardEnded(tx: Executor, clock: Clock, credentialId: string, event: 'revoked' | 'locked'): Promise<void> {
  const card = await cardFacts(tx, credentialId);
  if (!card) return;
  const today = seoulDay(clock.now());
  if (today > card.cardExpiresOn) return;
  const issuedOn = seoulDay(card.issuedAt);
  const issuedValues = valuesOn(card, issuedOn);
  const cancelled: FactChange[] = scheduledChanges(card.birthDate, issuedOn, card.cardExpiresOn)
    .filter((change) => change.day > today)
    .map((change) => ({ day: change.day, values: { ...issuedValues, ageBand: change.ageBand }, path: card.path, event: change.event, delta: -1 }));
  await addDueEvents(tx, [{ day: today, values: valuesOn(card, today), path: card.path, event, delta: 1 }]);
  await addScheduledEvents(tx, cancelled);
}

/** An issuance, in its transaction: the new card, and the cards on other phones it revoked. */
export async function countCardsIssuedAndRevoked(tx: Executor, clock: Clock, input: { issued: string; revoked: readonly string[] }): Promise<void> {
  for (const id of input.revoked) await countCardEnded(tx, clock, id, 'revoked');
  await countCardIssued(tx, clock, input.issued);
}

/** A loss report locked this card, in the report's transaction. */
export async function countCardLocked(tx: Executor, clock: Clock, credentialId: string): Promise<void> {
  await countCardEnded(tx, clock, credentialId, 'locked');
}

/**
 * A booking was made (in the booking's transaction): its wait, from now to
 * the slot's start, counted per day, the booking's language and the slot's
 * kind.
 */
export async function countBookingMade(tx: Executor, clock: Clock, booking: { locale: string; kind: string; startsAt: Date }): Promise<void> {
  const now = clock.now();
  const hours = Math.max(0, (booking.startsAt.getTime() - now.getTime()) / 3_600_000);
  await tx.execute(sql`
    insert into booking_wait_daily as t (day, language, kind, bucket, count)
    values (${seoulDay(now)}::date, ${booking.locale}, ${booking.kind}, ${bucketOf(BOOKING_WAIT_EDGES_H, hours)}, 1)
    on conflict on constraint booking_wait_daily_pkey do update set count = t.count + 1`);
}
