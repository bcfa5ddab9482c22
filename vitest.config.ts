import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };
const include = ['**/*.test.ts'];
const exclude = ['node_modules/**', 'e2e/**', '.next*/**', 'data/**'];

/**
 * The test files that open a database (their own, a test context, or the
 * server): with DATABASE_URL they run a second time, on PostgreSQL. The rest
 * (rules, messages, crypto, the fuzzing of the wrappers) cannot differ.
 */
function databaseTestFiles(): string[] {
  const uses = /openTestDatabase|\/testing'|DATABASE_URL|createAppContext|openDatabase/;
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name === 'e2e' || entry.name.startsWith('.') || entry.name === 'data') continue;
        walk(full);
      } else if (entry.name.endsWith('.test.ts') && uses.test(fs.readFileSync(full, 'utf8'))) {
        found.push(path.relative(import.meta.dirname, full));
      }
    }
  };
  walk(import.meta.dirname);
  return found;
}

/**
 * Script tests that spawn whole processes (45-55 s each on PostgreSQL) and
 * whose PostgreSQL paths the journeys' PostgreSQL server walks anyway: it is
 * seeded by the seed script, and e2e/hardening-audit.spec.ts runs
 * audit:verify against it. PGlite only, to keep CI short.
 */
const PGLITE_ONLY = ['scripts/seed.test.ts', 'scripts/audit-verify.test.ts'];

const postgres = process.env.DATABASE_URL;

export default defineConfig({
  resolve: { alias },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are heavy; two workers suit this 2-core machine.
    maxWorkers: 2,
    // Without DATABASE_URL every test runs on PGlite (in memory). With it,
    // every test runs on PGlite, and the ones that use a database run again
    // on a throw-away database of that PostgreSQL server (db/testing.ts).
    projects: postgres
      ? [
          { extends: true, test: { name: 'pglite', include, exclude, env: { DATABASE_URL: '' } } },
          { extends: true, test: { name: 'postgres', include: databaseTestFiles().filter((f) => !PGLITE_ONLY.includes(f)), exclude, env: { DATABASE_URL: postgres } } },
        ]
      : [{ extends: true, test: { name: 'pglite', include, exclude } }],
  },
});
