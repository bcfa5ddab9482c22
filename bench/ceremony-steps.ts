// Server time of each enrollment step, p50/p95 over N chip-path ceremonies
// (use case plus database, HTTP excluded), on a throw-away database:
// PGlite in memory, or PostgreSQL when DATABASE_URL is set. Not one of the
// figures npm run bench prints (DESIGN.md lists those); the issuance note
// quotes it.
//   npx tsx bench/ceremony-steps.ts [runs=50]
import { openTestDatabase } from '@/lib/context/testing';
import { measureCeremonySteps } from '@/lib/enrollment/testing';

const runs = Number(process.argv[2] ?? 50);
const database = await openTestDatabase();
try {
  for (const s of await measureCeremonySteps(database.db, database.keys, runs)) {
    process.stdout.write(
      JSON.stringify({ name: 'ceremony_step_ms', step: s.step, database: database.kind, runs: s.runs, p50: s.p50, p95: s.p95, max: s.max }) + '\n',
    );
  }
} finally {
  await database.close();
}
