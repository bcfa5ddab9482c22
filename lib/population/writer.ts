// Bulk writing of seeded residents, inside one transaction: COPY from an
// in-memory blob on PGlite (PGlite reads COPY … FROM '/dev/blob' from the
// query's `blob` option), multi-row INSERTs on PostgreSQL through pg.
import type { Db } from '@/db/client';

export type ResidentRow = {
  id: number;
  registrationHash: Buffer;
  registrationNumberEnc: Buffer;
  nameEnc: Buffer;
  phoneEnc: Buffer;
  nationality: string;
  birthDate: string;
  sex: string;
  residenceStatus: string;
  region: string;
  preferredLanguage: string;
  registeredAt: string;
  card: { serial: string; kind: string; issuedOn: string; expiresOn: string; chipPublicKey: Buffer | null };
};

export type SeedSink = {
  kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  insert(rows: ResidentRow[]): Promise<void>;
  /** PGlite only: COPY rows already written as CSV (by a worker thread). */
  copy?(chunk: CsvChunk): Promise<void>;
};

const RESIDENT_COLUMNS =
  'id, registration_hash, registration_number_enc, name_enc, phone_enc, nationality, birth_date, sex, residence_status, region, preferred_language, registered_at';
const CARD_COLUMNS = 'resident_id, serial, kind, issued_on, expires_on, chip_public_key';

type PGliteLike = {
  transaction<T>(fn: (tx: PGliteTx) => Promise<T>): Promise<T>;
};
type PGliteTx = {
  query<T>(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: T[] }>;
};
type PgPoolLike = {
  connect(): Promise<PgClientLike>;
};
type PgClientLike = {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  release(error?: Error | boolean): void;
};

function rawClient(db: Db): PGliteLike | PgPoolLike {
  return (db as unknown as { $client: PGliteLike | PgPoolLike }).$client;
}

export function isPGlite(db: Db): boolean {
  const client = rawClient(db) as object;
  return 'waitReady' in client && 'transaction' in client;
}

/** Runs `fn` in one transaction on the raw driver, with a sink for bulk rows. */
export async function withSeedTransaction<T>(db: Db, fn: (sink: SeedSink) => Promise<T>): Promise<T> {
  const client = rawClient(db);
  if (isPGlite(db)) {
    return (client as PGliteLike).transaction(async (tx) => fn(pgliteSink(tx)));
  }
  const connection = await (client as PgPoolLike).connect();
  try {
    await connection.query('begin');
    const result = await fn(pgSink(connection));
    await connection.query('commit');
    connection.release();
    return result;
  } catch (error) {
    await connection.query('rollback').catch(() => {});
    connection.release(true);
    throw error;
  }
}

/** A CSV field: quoted only when it must be. */
function csv(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function hex(buffer: Buffer): string {
  return '\\x' + buffer.toString('hex');
}

export type CsvChunk = { residents: string; cards: string };

/** Rows as the CSV that COPY reads (bytea as \\x hex, NULL as an empty field). */
export function toCsv(rows: readonly ResidentRow[]): CsvChunk {
  const residents: string[] = new Array(rows.length);
  const cards: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    residents[i] =
      `${r.id},${hex(r.registrationHash)},${hex(r.registrationNumberEnc)},${hex(r.nameEnc)},${hex(r.phoneEnc)},` +
      `${csv(r.nationality)},${r.birthDate},${r.sex},${csv(r.residenceStatus)},${csv(r.region)},${csv(r.preferredLanguage)},${r.registeredAt}\n`;
    const c = r.card;
    cards[i] = `${r.id},${csv(c.serial)},${c.kind},${c.issuedOn},${c.expiresOn},${c.chipPublicKey ? hex(c.chipPublicKey) : ''}\n`;
  }
  return { residents: residents.join(''), cards: cards.join('') };
}

function pgliteSink(tx: PGliteTx): SeedSink {
  const copy = async (chunk: CsvChunk) => {
    await tx.query(`COPY residents (${RESIDENT_COLUMNS}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([chunk.residents]),
    });
    await tx.query(`COPY cards (${CARD_COLUMNS}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([chunk.cards]),
    });
  };
  return {
    kind: 'pglite',
    query: async <T>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows,
    insert: (rows) => copy(toCsv(rows)),
    copy,
  };
}

/** Rows per INSERT statement on PostgreSQL (12 parameters each: well under the 65535 limit). */
const PG_BATCH = 1000;

function pgSink(client: PgClientLike): SeedSink {
  return {
    kind: 'postgres',
    query: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
    async insert(rows) {
      for (let start = 0; start < rows.length; start += PG_BATCH) {
        const batch = rows.slice(start, start + PG_BATCH);
        const residentParams: unknown[] = [];
        const residentValues: string[] = [];
        const cardParams: unknown[] = [];
        const cardValues: string[] = [];
        for (const r of batch) {
          const p = residentParams.length;
          residentParams.push(
            r.id, r.registrationHash, r.registrationNumberEnc, r.nameEnc, r.phoneEnc, r.nationality,
            r.birthDate, r.sex, r.residenceStatus, r.region, r.preferredLanguage, r.registeredAt,
          );
          residentValues.push(`(${Array.from({ length: 12 }, (_, k) => `$${p + k + 1}`).join(',')})`);
          const q = cardParams.length;
          cardParams.push(r.id, r.card.serial, r.card.kind, r.card.issuedOn, r.card.expiresOn, r.card.chipPublicKey);
          cardValues.push(`(${Array.from({ length: 6 }, (_, k) => `$${q + k + 1}`).join(',')})`);
        }
        await client.query(
          `insert into residents (${RESIDENT_COLUMNS}) overriding system value values ${residentValues.join(',')}`,
          residentParams,
        );
        await client.query(`insert into cards (${CARD_COLUMNS}) values ${cardValues.join(',')}`, cardParams);
      }
    },
  };
}

/**
 * For a bulk load into empty tables: drops their secondary indexes and
 * foreign keys (found in the catalog, so later migrations are covered) and
 * returns the function that builds them again. Building an index once over
 * sorted data is much faster than a million random inserts into it, and a
 * foreign key is then checked in one join instead of row by row. All inside
 * the seed's transaction: on failure everything is rolled back; a unique
 * index that the data would violate fails to build, failing the seed.
 */
export async function suspendIndexes(sink: SeedSink, tables: readonly string[]): Promise<() => Promise<void>> {
  const indexes = await sink.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid = any($1::regclass[])
        and not i.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [tables],
  );
  const foreignKeys = await sink.query<{ table: string; name: string; def: string }>(
    `select conrelid::regclass::text as "table", conname as name, pg_get_constraintdef(oid) as def
       from pg_constraint
      where contype = 'f' and conrelid = any($1::regclass[])`,
    [tables],
  );
  for (const fk of foreignKeys) await sink.query(`alter table ${fk.table} drop constraint ${quoteIdent(fk.name)}`);
  for (const index of indexes) await sink.query(`drop index ${index.name}`);
  return async () => {
    for (const index of indexes) await sink.query(index.def);
    for (const fk of foreignKeys) await sink.query(`alter table ${fk.table} add constraint ${quoteIdent(fk.name)} ${fk.def}`);
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
