// booking_race_winners: 50 residents book a one-seat slot at the same
// moment (50 concurrent bookSlot calls, each its own transaction); the
// value is how many got the seat, which must be 1 (issue 10, ASVS 2.3.4:
// no double booking, held by the database). One line per database: PGlite
// in memory always, and PostgreSQL when DATABASE_URL is set (a throw-away
// database on that server). Also reported: the losers' answers (all
// proofing.slot_full), the seat count and live bookings as stored, and the
// wall time of the race.
import { and, eq } from 'drizzle-orm';
import { bookings, slots } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, testKeys, type TestDatabase } from '@/lib/context/testing';
import { openDatabase } from '@/db/client';
import { addResident, officerId } from '@/lib/enrollment/testing';
import { bookSlot, publishSlot, type BookingDeps } from '@/lib/proofing';
import { SimulatedSmsSender } from '@/lib/sms';
import { registerFigure, type FigureResult } from './registry';

const RACERS = Number(process.env.ARC_BENCH_BOOKING_RACERS ?? 50);

async function race(database: Pick<TestDatabase, 'db' | 'close'>, label: 'pglite' | 'postgres'): Promise<FigureResult> {
  const { db } = database;
  const clock = fixedClock('2026-03-02T01:00:00Z');
  const deps: BookingDeps = {
    db,
    clock,
    keys: testKeys,
    sms: new SimulatedSmsSender(testKeys, () => {}),
    origin: 'http://localhost:3000',
    smsText: (kind, _locale, v) => `${kind} ${v.reference} ${v.link}`,
  };
  const officer = await officerId(db, testKeys, clock);
  const slot = await publishSlot(db, clock, {
    officerId: officer,
    kind: 'video',
    startsAt: new Date(clock.now().getTime() + 24 * 3_600_000),
    minutes: 20,
    capacity: 1,
    languages: ['ko', 'vi'],
    interpreter: false,
  });
  const residents = [];
  for (let i = 0; i < RACERS; i++) residents.push(await addResident(db, testKeys, { kind: 'legacy' }));
  const started = performance.now();
  const outcomes = await Promise.all(
    residents.map((r, i) =>
      bookSlot(deps, {
        slotId: slot.id,
        registrationNumber: r.registrationNumber,
        cardSerial: r.serial,
        birthDate: r.birthDate,
        locale: 'vi',
        client: `10.9.${Math.floor(i / 250)}.${i % 250}`,
      }).then(
        () => 'won',
        (error: { code?: string }) => error.code ?? 'error',
      ),
    ),
  );
  const raceMs = performance.now() - started;
  const tally: Record<string, number> = {};
  for (const o of outcomes) tally[o] = (tally[o] ?? 0) + 1;
  const [stored] = await db.select({ booked: slots.booked }).from(slots).where(eq(slots.id, slot.id));
  const live = await db.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.slotId, slot.id), eq(bookings.status, 'booked')));
  return {
    value: tally.won ?? 0,
    database: label,
    goal: 1,
    racers: RACERS,
    outcomes: tally,
    slot_booked_column: stored?.booked,
    live_bookings: live.length,
    race_ms: Math.round(raceMs),
  };
}

registerFigure({
  name: 'booking_race_winners',
  unit: 'bookings',
  description: `${RACERS} concurrent bookings of a one-seat slot: how many win (goal 1), on PGlite and, with DATABASE_URL, PostgreSQL`,
  async run() {
    const results: FigureResult[] = [];
    const memory = await openDatabase({ kind: 'pglite-memory' });
    try {
      results.push(await race(memory, 'pglite'));
    } finally {
      await memory.close();
    }
    if (process.env.DATABASE_URL) {
      const server = await openTestDatabase();
      try {
        results.push(await race(server, 'postgres'));
      } finally {
        await server.close();
      }
    }
    return results;
  },
});
