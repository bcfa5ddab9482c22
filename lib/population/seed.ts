// Seeds a demo database: a deterministic synthetic population of residents
// with their physical cards (population.ts), the fixed demo residents
// (demo.ts), chip keys from the chip simulator (chip-simulator.ts), and the
// demo extensions (extensions.ts: staff accounts from issue 4). Records in
// `settings` that the database is a demo database and which seed made it.
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { settings } from '@/db/schema';
import { DEMO_SETTING_KEY, isDemoDatabase } from '@/db/settings';
import type { DataKeys } from '@/lib/security';
import { chipSimulatorSecretFromSeed, writeChipSimulatorSecret } from './chip-simulator';
import { DEMO_RESIDENTS } from './demo';
import { demoExtensions } from './extensions';
import { prepareChunks, type PrepareJob } from './prepare';
import { prepareInWorker } from './prepare-worker';
import { suspendIndexes, withSeedTransaction, type SeedSink } from './writer';

/** The seed of `npm start`'s demo population and of `npm run db:seed` without --seed. */
export const DEFAULT_SEED = 'arc-mobile';
/**
 * The day the default population describes. Fixed, so that a seed always
 * gives the same people; `--as-of` moves it.
 */
export const DEFAULT_AS_OF = '2026-11-01';

/** Settings keys written by the seed. */
export const SETTING_DEMO = DEMO_SETTING_KEY;
export const SETTING_SEED = 'seed';

export type SeedRecord = {
  seed: string;
  asOf: string;
  /** How many residents of the seed's sequence are in the database (the next index). */
  generated: number;
  /** The fixed demo residents are present. */
  demoResidents: boolean;
  generator: number;
};

/** Bumped when the generator changes what a seed produces. */
export const GENERATOR_VERSION = 1;

// A fixed key for pg_advisory_xact_lock: one seeding at a time per database.
const SEED_LOCK_KEY = 0x41524353;
const DEFAULT_CHUNK = 10_000;
/** From this size, a fresh load drops and rebuilds the tables' secondary indexes. */
const BULK_THRESHOLD = 20_000;
/** Below this, a worker thread costs more to start than it saves. */
const WORKER_THRESHOLD = 20_000;

export type SeedMode =
  /** Seed only when the residents table is empty; otherwise do nothing. */
  | 'if-empty'
  /** Seed an empty database; refuse a non-empty one. */
  | 'fresh'
  /** Add residents, continuing the sequence of the seed recorded in the database. */
  | 'append';

export type SeedOptions = {
  /** Synthetic residents to add (the demo residents come on top on a fresh database). */
  residents: number;
  seed?: string;
  asOf?: string;
  mode?: SeedMode;
  /** Writes the chip simulator's secret here (the embedded database's data directory). */
  dataDir?: string;
  /** Called after each chunk. */
  onProgress?: (done: number, total: number) => void;
  chunkSize?: number;
  /**
   * Prepare rows in a worker thread while this one writes (command-line
   * tools under tsx; the app seeds in its own thread).
   */
  worker?: boolean;
};

export type SeedResult = {
  status: 'seeded' | 'skipped';
  seed: string;
  asOf: string;
  /** Synthetic residents added. */
  residents: number;
  /** Demo residents added. */
  demoResidents: number;
  chipCards: number;
  legacyCards: number;
  /** Residents of the seed's sequence in the database afterwards. */
  generated: number;
  /** Where rows were prepared: a worker thread beside the writer, or the writer's own thread. */
  preparedIn: 'worker' | 'main';
  ms: number;
};

export class SeedRefusedError extends Error {
  constructor(
    readonly reason: 'not_empty' | 'no_seed_record' | 'seed_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'SeedRefusedError';
  }
}

/**
 * Seeds the synthetic population in one transaction. On a fresh database the
 * demo residents come too, and the database is marked as a demo database.
 */
export async function seedPopulation(db: Db, keys: DataKeys, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const mode = options.mode ?? 'fresh';
  if (!Number.isInteger(options.residents) || options.residents < 0) {
    throw new Error(`residents must be a whole number ≥ 0, not ${options.residents}`);
  }
  const result = await withSeedTransaction(db, async (sink) => {
    await sink.query('select pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const [{ present }] = (await sink.query<{ present: boolean }>(
      'select exists (select 1 from residents) as present',
    )) as [{ present: boolean }];
    const record = await readSeedRecord(sink);

    let seed = options.seed ?? DEFAULT_SEED;
    let asOf = options.asOf ?? DEFAULT_AS_OF;
    let start = 0;
    let withDemo = true;
    if (present) {
      if (mode === 'if-empty') return null;
      if (mode === 'fresh') {
        throw new SeedRefusedError(
          'not_empty',
          'The database already has residents. Use --append to add more residents of the same seed, or seed an empty database.',
        );
      }
      if (!record) {
        throw new SeedRefusedError(
          'no_seed_record',
          'The database has residents that were not seeded here (no seed is recorded), so more cannot be appended safely.',
        );
      }
      if ((options.seed !== undefined && options.seed !== record.seed) || (options.asOf !== undefined && options.asOf !== record.asOf)) {
        throw new SeedRefusedError(
          'seed_mismatch',
          `The database was seeded with seed "${record.seed}" as of ${record.asOf}; --append continues that seed only.`,
        );
      }
      seed = record.seed;
      asOf = record.asOf;
      start = record.generated;
      withDemo = false;
    }

    const [{ maxId }] = (await sink.query<{ maxId: number }>(
      'select coalesce(max(id), 0)::int as "maxId" from residents',
    )) as [{ maxId: number }];
    const job: PrepareJob = {
      seed,
      asOf,
      start,
      count: options.residents,
      firstId: maxId + 1,
      withDemo,
      chunkSize: options.chunkSize ?? DEFAULT_CHUNK,
    };
    let chipCards = 0;
    let legacyCards = 0;
    let done = 0;
    const count = (chunk: { synthetic: number; chipCards: number; legacyCards: number }) => {
      chipCards += chunk.chipCards;
      legacyCards += chunk.legacyCards;
      done += chunk.synthetic;
      if (chunk.synthetic > 0) options.onProgress?.(done, options.residents);
    };
    // A large load into empty tables: build the indexes once at the end
    // (ARC_SEED_KEEP_INDEXES=1 keeps them, to compare).
    const rebuild =
      !present && job.count >= BULK_THRESHOLD && process.env.ARC_SEED_KEEP_INDEXES !== '1'
        ? await suspendIndexes(sink, ['residents', 'cards'])
        : undefined;
    let preparedIn: 'worker' | 'main' = 'main';
    if (options.worker && job.count >= WORKER_THRESHOLD) {
      const format = sink.copy ? 'csv' : 'rows';
      try {
        for await (const chunk of prepareInWorker({ job, keys: { encryption: keys.encryption, lookup: keys.lookup }, format })) {
          preparedIn = 'worker';
          if (chunk.csv) await sink.copy!(chunk.csv);
          else await sink.insert(chunk.rows!);
          chunk.ack();
          count(chunk);
        }
      } catch (error) {
        // A worker that could not start (no tsx here): prepare in this thread.
        if (preparedIn === 'worker') throw error;
      }
    }
    if (preparedIn === 'main') {
      for (const chunk of prepareChunks(job, keys)) {
        await sink.insert(chunk.rows);
        count(chunk);
      }
    }

    await rebuild?.();
    // Rows were written with their ids: move the identity past them.
    await sink.query(`select setval(pg_get_serial_sequence('residents', 'id'), (select max(id) from residents))`);
    const newRecord: SeedRecord = {
      seed,
      asOf,
      generated: start + options.residents,
      demoResidents: withDemo || (record?.demoResidents ?? false),
      generator: GENERATOR_VERSION,
    };
    await writeSetting(sink, SETTING_SEED, newRecord);
    await writeSetting(sink, SETTING_DEMO, true);
    if (options.residents + (withDemo ? DEMO_RESIDENTS.length : 0) >= 10_000) {
      await sink.query('analyze residents');
      await sink.query('analyze cards');
    }
    return {
      seed,
      asOf,
      residents: options.residents,
      demoResidents: withDemo ? DEMO_RESIDENTS.length : 0,
      chipCards,
      legacyCards,
      generated: newRecord.generated,
      preparedIn,
    };
  });
  const ms = Math.round(performance.now() - started);
  if (!result) {
    return { status: 'skipped', seed: '', asOf: '', residents: 0, demoResidents: 0, chipCards: 0, legacyCards: 0, generated: 0, preparedIn: 'main', ms };
  }
  if (options.dataDir) writeChipSimulatorSecret(options.dataDir, chipSimulatorSecretFromSeed(result.seed));
  return { status: 'seeded', ...result, ms };
}

async function readSeedRecord(sink: SeedSink): Promise<SeedRecord | undefined> {
  const rows = await sink.query<{ value: SeedRecord }>('select value from settings where key = $1', [SETTING_SEED]);
  return rows[0]?.value;
}

async function writeSetting(sink: SeedSink, key: string, value: unknown): Promise<void> {
  await sink.query(
    `insert into settings (key, value, updated_at) values ($1, $2::jsonb, now())
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [key, JSON.stringify(value)],
  );
}

/** The seed recorded in the database, if it was seeded here. */
export async function readSeed(db: Db): Promise<SeedRecord | undefined> {
  const rows = await db.select({ value: settings.value }).from(settings).where(sql`${settings.key} = ${SETTING_SEED}`);
  return rows[0]?.value as SeedRecord | undefined;
}

/**
 * The chip simulator's secret for this database, derived from its recorded
 * seed (the same secret the seed wrote to <ARC_DATA_DIR>/chip-simulator.key).
 * Undefined when the database was not seeded here.
 */
export async function chipSimulatorSecretFor(db: Db): Promise<Buffer | undefined> {
  const record = await readSeed(db);
  return record ? chipSimulatorSecretFromSeed(record.seed) : undefined;
}

/** Runs the demo extensions this demo database has not had yet (see extensions.ts). */
export async function runDemoExtensions(db: Db, keys: DataKeys): Promise<string[]> {
  if (demoExtensions.length === 0 || !(await isDemoDatabase(db))) return [];
  const record = await readSeed(db);
  const context = { seed: record?.seed ?? DEFAULT_SEED, asOf: record?.asOf ?? DEFAULT_AS_OF };
  const ran: string[] = [];
  for (const extension of demoExtensions) {
    const key = `demo.extension.${extension.name}`;
    const done = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      const existing = await tx.select({ key: settings.key }).from(settings).where(sql`${settings.key} = ${key}`);
      if (existing.length > 0) return false;
      await extension.run(tx, keys, context);
      await tx.insert(settings).values({ key, value: { at: new Date().toISOString() } });
      return true;
    });
    if (done) ran.push(extension.name);
  }
  return ran;
}

/**
 * At start-up: when the residents table is empty, seeds `residents`
 * synthetic residents plus the demo residents; then runs any demo
 * extensions the database has not had. Safe when several instances start
 * together (they wait on one advisory lock; only the first seeds).
 */
export async function seedIfEmpty(
  db: Db,
  keys: DataKeys,
  options: { residents: number; seed?: string; asOf?: string; dataDir?: string },
): Promise<SeedResult> {
  const result = await seedPopulation(db, keys, { ...options, mode: 'if-empty' });
  await runDemoExtensions(db, keys);
  return result;
}
