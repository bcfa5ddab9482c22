// npm run db:seed -- --residents N [--seed S] [--as-of YYYY-MM-DD] [--append]
// Fills the database with a deterministic synthetic population (see --help).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '@/db/client';
import { DataDirLockedError } from '@/db/lock';
import { residents } from '@/db/schema';
import { DEFAULT_AS_OF, DEFAULT_SEED, SeedRefusedError, seedPopulation } from '@/lib/population';
import { readConfig } from '@/lib/config';
import { deriveDataKeys, resolveDataKey } from '@/lib/security';

const HELP = `Usage: npm run db:seed -- --residents N [--seed S] [--as-of YYYY-MM-DD] [--append]

Fills the database with a deterministic synthetic population: N registered
foreigners with their physical cards, in the proportions of public 2024-2025
statistics (lib/population/proportions.ts). The same seed and day always give the
same people.

Database: the PostgreSQL server DATABASE_URL names (ARC_DATA_KEY must then be
set), otherwise the embedded database in ARC_DATA_DIR (default ./data). The
embedded database is refused, naming the holder, while the app or another
tool has it open: stop it first.

On an empty database: adds N synthetic residents plus the 4 fixed demo
residents (lib/population/demo.ts), and marks the database as a demo database.
On a database that already has residents: refuses, unless --append is given;
--append adds N more residents continuing the seed recorded in the database
(so seeding 1000 then appending 500 gives the same people as seeding 1500).

Options:
  --residents N   synthetic residents to add (required; 0 adds only the demo residents)
  --seed S        population seed (default "${DEFAULT_SEED}"); with --append it must match the recorded one
  --as-of DAY     the day the population describes: ages, stays and expiries (default ${DEFAULT_AS_OF})
  --append        add to a database seeded before, instead of refusing it
  -h, --help      this text

Exit status: 0 seeded, 1 refused or failed, 2 bad arguments.`;

function fail(message: string, code = 1): never {
  process.stderr.write(`db:seed: ${message}\n`);
  process.exit(code);
}

function parse() {
  try {
    const { values } = parseArgs({
      options: {
        residents: { type: 'string' },
        seed: { type: 'string' },
        'as-of': { type: 'string' },
        append: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(HELP + '\n');
      process.exit(0);
    }
    if (values.residents === undefined) fail('--residents N is required (see --help)', 2);
    const residents = Number(values.residents.replace(/[_,]/g, ''));
    if (!Number.isInteger(residents) || residents < 0 || residents > 20_000_000) {
      fail(`--residents must be a whole number from 0 to 20000000, not "${values.residents}"`, 2);
    }
    const asOf = values['as-of'];
    if (asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))) {
      fail(`--as-of must be a day YYYY-MM-DD, not "${asOf}"`, 2);
    }
    if (values.seed !== undefined && values.seed.length === 0) fail('--seed must not be empty', 2);
    return { residents, seed: values.seed, asOf, append: values.append };
  } catch (error) {
    fail(`${(error as Error).message} (see --help)`, 2);
  }
}

async function main() {
  const args = parse();
  let config;
  try {
    config = readConfig();
  } catch (error) {
    fail((error as Error).message);
  }
  let database: Database;
  let keys;
  try {
    if (config.databaseUrl) {
      keys = deriveDataKeys(resolveDataKey(config));
      database = await openDatabase({ kind: 'postgres', url: config.databaseUrl });
    } else {
      // Lock first: a running app must be named before anything is touched.
      database = await openDatabase({ kind: 'pglite', dataDir: config.dataDir, holder: 'npm run db:seed' });
      keys = deriveDataKeys(resolveDataKey(config));
    }
  } catch (error) {
    if (error instanceof DataDirLockedError) fail(error.message);
    fail((error as Error).message);
  }
  const relative = path.relative(process.cwd(), config.dataDir);
  const shown = relative && !relative.startsWith('..') ? relative : config.dataDir;
  const where = database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${shown}`;
  process.stderr.write(`db:seed: seeding ${args.residents.toLocaleString('en')} residents into ${where}…\n`);
  let lastReport = 0;
  try {
    const result = await seedPopulation(database.db, keys, {
      residents: args.residents,
      seed: args.seed,
      asOf: args.asOf,
      mode: args.append ? 'append' : 'fresh',
      dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
      worker: true,
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - lastReport > 5000 || done === total) {
          lastReport = now;
          process.stderr.write(`db:seed: ${done.toLocaleString('en')} / ${total.toLocaleString('en')}\n`);
        }
      },
    });
    const seconds = (result.ms / 1000).toFixed(1);
    process.stdout.write(
      [
        `Seeded ${result.residents.toLocaleString('en')} synthetic residents` +
          (result.demoResidents ? ` and ${result.demoResidents} demo residents` : '') +
          ` in ${seconds} s (seed "${result.seed}", as of ${result.asOf}).`,
        `Cards: ${result.chipCards.toLocaleString('en')} chip, ${result.legacyCards.toLocaleString('en')} legacy.`,
        `The database now holds ${(await database.db.$count(residents)).toLocaleString('en')} residents.`,
      ].join('\n') + '\n',
    );
  } catch (error) {
    await database.close();
    if (error instanceof SeedRefusedError) fail(`refused: ${error.message}`);
    throw error;
  }
  await database.close();
}

main().catch((error) => {
  process.stderr.write(`db:seed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
