// Server time per enrollment step, p50/p95 over 50 ceremonies (PGlite, or
// PostgreSQL when DATABASE_URL is set). Printed for the notes; the budget
// below catches a step that became an order of magnitude slower.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/db/testing';
import { measureCeremonySteps } from './testing/ceremony-timing';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

it('every ceremony step stays within 250 ms at p95 (50 runs)', async () => {
  const stats = await measureCeremonySteps(database.db, database.keys, Number(process.env.ARC_CEREMONY_RUNS || 50));
  console.info(`ceremony server time per step on ${database.kind} (ms):\n${stats.map((s) => `  ${s.step.padEnd(22)} p50 ${String(s.p50).padStart(6)}  p95 ${String(s.p95).padStart(6)}  max ${String(s.max).padStart(6)}  (n=${s.runs})`).join('\n')}`);
  expect(stats.map((s) => s.step)).toEqual([
    'start',
    'identify+sms',
    'sms_verify',
    'chip_challenge',
    'chip_verify',
    'passkey_options',
    'passkey_verify+issue',
    'unlock_options',
    'unlock_verify',
  ]);
  for (const s of stats) expect(s.p95, s.step).toBeLessThan(250);
}, 300_000);
