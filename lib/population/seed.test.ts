// Integration: the seed on PGlite in memory, and on PostgreSQL when
// DATABASE_URL is set (openTestDatabase gives a throw-away database).
import { asc, eq, sql } from 'drizzle-orm';
import { verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cards, residents, settings } from '@/db/schema';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { findCurrentCard, findResidentByRegistrationNumber, getResidentPersonalData } from '@/lib/registry';
import { chipPublicKeyFromSpki, simulateChipSignature } from './chip-simulator';
import { DEMO_CHIP_RESIDENT, DEMO_LEGACY_RESIDENT, DEMO_RESIDENTS } from './demo';
import { demoExtensions } from './extensions';
import { generateResidents } from './population';
import { isDemoDatabase } from '@/db/settings';
import { SeedRefusedError, chipSimulatorSecretFor, readSeed, seedIfEmpty, seedPopulation } from '.';

let database: TestDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(async () => {
  await database?.close();
});

const spec = { seed: 'integration', asOf: '2026-11-01' };

async function sequence(db: TestDatabase['db']) {
  return db
    .select({ nationality: residents.nationality, birthDate: residents.birthDate, serial: cards.serial, status: residents.residenceStatus })
    .from(residents)
    .innerJoin(cards, eq(cards.residentId, residents.id))
    .orderBy(asc(residents.id));
}

describe('seeding the synthetic population', () => {
  it('fills an empty database with N residents plus the demo residents, one current card each', async () => {
    const result = await seedPopulation(database.db, database.keys, { residents: 1200, ...spec, chunkSize: 500 });
    expect(result).toMatchObject({ status: 'seeded', residents: 1200, demoResidents: DEMO_RESIDENTS.length });
    expect(result.chipCards + result.legacyCards).toBe(1200 + DEMO_RESIDENTS.length);
    expect(await database.db.$count(residents)).toBe(1200 + DEMO_RESIDENTS.length);
    expect(await database.db.$count(cards)).toBe(1200 + DEMO_RESIDENTS.length);
    // Same people as the generator gives (after the demo residents).
    const rows = await sequence(database.db);
    const expected = generateResidents(spec, 1200);
    expect(rows.slice(DEMO_RESIDENTS.length).map((r) => [r.nationality, r.birthDate, r.serial])).toEqual(
      expected.map((r) => [r.nationality, r.birthDate, r.card.serial]),
    );
  });

  it('prepares rows in a worker thread beside the writer, with the same result', async () => {
    const n = 20_000;
    const result = await seedPopulation(database.db, database.keys, { residents: n, ...spec, worker: true });
    expect(result.preparedIn).toBe('worker');
    expect(await database.db.$count(residents)).toBe(n + DEMO_RESIDENTS.length);
    const rows = await sequence(database.db);
    const expected = generateResidents(spec, n);
    expect(rows.slice(DEMO_RESIDENTS.length).map((r) => r.serial)).toEqual(expected.map((r) => r.card.serial));
    const someone = expected[n - 1]!;
    const found = await findResidentByRegistrationNumber(database.db, database.keys, someone.registrationNumber);
    expect(await getResidentPersonalData(database.db, database.keys, found!.id)).toMatchObject({ name: someone.name, phone: someone.phone });
  }, 120_000);

  it('stores personal data only encrypted, and finds residents by registration number', async () => {
    await seedPopulation(database.db, database.keys, { residents: 300, ...spec });
    const someone = generateResidents(spec, 300)[123]!;
    const raw = await database.db.execute(sql`select name_enc::text as t from residents where nationality = ${someone.nationality} limit 50`);
    const all = JSON.stringify(raw);
    expect(all.includes(someone.name)).toBe(false);
    const found = await findResidentByRegistrationNumber(database.db, database.keys, someone.registrationNumber);
    expect(found).toMatchObject({ nationality: someone.nationality, birthDate: someone.birthDate, residenceStatus: someone.residenceStatus });
    expect(await getResidentPersonalData(database.db, database.keys, found!.id)).toEqual({
      name: someone.name,
      registrationNumber: someone.registrationNumber,
      phone: someone.phone,
    });
  });

  it('gives chip cards a chip public key that verifies the simulated chip, and legacy cards none', async () => {
    await seedPopulation(database.db, database.keys, { residents: 200, ...spec });
    const secret = await chipSimulatorSecretFor(database.db);
    expect(secret).toBeDefined();
    const resident = await findResidentByRegistrationNumber(database.db, database.keys, DEMO_CHIP_RESIDENT.registrationNumber);
    const card = await findCurrentCard(database.db, resident!.id);
    expect(card).toMatchObject({ serial: DEMO_CHIP_RESIDENT.card.serial, kind: 'chip' });
    const challenge = Buffer.from('challenge-from-the-server');
    const signature = simulateChipSignature(card!.serial, secret!, challenge);
    expect(verify('sha256', challenge, { key: chipPublicKeyFromSpki(card!.chipPublicKey!), dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);

    const legacyResident = await findResidentByRegistrationNumber(database.db, database.keys, DEMO_LEGACY_RESIDENT.registrationNumber);
    expect((await findCurrentCard(database.db, legacyResident!.id))?.chipPublicKey).toBeNull();
    const [{ n }] = (await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(cards)
      .where(sql`(${cards.kind} = 'chip') <> (${cards.issuedOn} >= '2025-01-01')`)) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('records that the database is a demo database, and the seed', async () => {
    expect(await isDemoDatabase(database.db)).toBe(false);
    await seedPopulation(database.db, database.keys, { residents: 10, ...spec });
    expect(await isDemoDatabase(database.db)).toBe(true);
    expect(await readSeed(database.db)).toMatchObject({ seed: 'integration', asOf: '2026-11-01', generated: 10, demoResidents: true });
  });

  it('refuses a database with residents, unless appending; appending continues the same seed', async () => {
    await seedPopulation(database.db, database.keys, { residents: 300, ...spec });
    await expect(seedPopulation(database.db, database.keys, { residents: 10, ...spec })).rejects.toMatchObject({ reason: 'not_empty' });
    await expect(
      seedPopulation(database.db, database.keys, { residents: 10, seed: 'other', mode: 'append' }),
    ).rejects.toBeInstanceOf(SeedRefusedError);
    const appended = await seedPopulation(database.db, database.keys, { residents: 200, mode: 'append' });
    expect(appended).toMatchObject({ status: 'seeded', residents: 200, demoResidents: 0, generated: 500 });
    const rows = await sequence(database.db);
    expect(rows.slice(DEMO_RESIDENTS.length).map((r) => r.serial)).toEqual(generateResidents(spec, 500).map((r) => r.card.serial));
  });

  it('leaves the identity sequence past the seeded ids, so later inserts work', async () => {
    await seedPopulation(database.db, database.keys, { residents: 50, ...spec });
    const [row] = await database.db
      .insert(residents)
      .values({
        registrationHash: Buffer.alloc(32, 1),
        registrationNumberEnc: Buffer.from('x'),
        nameEnc: Buffer.from('x'),
        phoneEnc: Buffer.from('x'),
        nationality: 'VN',
        birthDate: '1990-01-01',
        sex: 'F',
        residenceStatus: 'E-9',
        region: 'seoul',
        preferredLanguage: 'vi',
        registeredAt: '2020-01-01',
      })
      .returning({ id: residents.id });
    expect(row!.id).toBe(50 + DEMO_RESIDENTS.length + 1);
  });

  it('rolls back completely when it fails part-way: no half-seeded database', async () => {
    const failing = seedPopulation(database.db, database.keys, {
      residents: 1000,
      ...spec,
      chunkSize: 200,
      onProgress: (done) => {
        if (done >= 600) throw new Error('disk full (simulated)');
      },
    });
    await expect(failing).rejects.toThrow('disk full (simulated)');
    expect(await database.db.$count(residents)).toBe(0);
    expect(await database.db.$count(cards)).toBe(0);
    expect(await isDemoDatabase(database.db)).toBe(false);
    // …and a later seed starts cleanly.
    const result = await seedPopulation(database.db, database.keys, { residents: 100, ...spec });
    expect(result.status).toBe('seeded');
    expect(await database.db.$count(residents)).toBe(100 + DEMO_RESIDENTS.length);
  });

  it('refuses to append to residents it did not seed', async () => {
    const { sealPersonalData } = await import('@/lib/registry');
    await database.db.insert(residents).values({
      ...sealPersonalData(database.keys, { name: 'KIM A', registrationNumber: '900101-5000001', phone: '010-0000-0000' }),
      nationality: 'US',
      birthDate: '1990-01-01',
      sex: 'M',
      residenceStatus: 'F-4',
      region: 'seoul',
      preferredLanguage: 'en',
      registeredAt: '2020-01-01',
    });
    await expect(seedPopulation(database.db, database.keys, { residents: 10, mode: 'append' })).rejects.toMatchObject({
      reason: 'no_seed_record',
    });
    expect(await database.db.$count(residents)).toBe(1);
  });
});

describe('seedIfEmpty (the first start)', () => {
  it('seeds once; a second start leaves the data alone', async () => {
    const first = await seedIfEmpty(database.db, database.keys, { residents: 100, ...spec });
    expect(first.status).toBe('seeded');
    const second = await seedIfEmpty(database.db, database.keys, { residents: 100, ...spec });
    expect(second.status).toBe('skipped');
    expect(await database.db.$count(residents)).toBe(100 + DEMO_RESIDENTS.length);
  });

  it('runs each demo extension once per demo database, in its transaction', async () => {
    let runs = 0;
    demoExtensions.push({
      name: 'test-extension',
      async run(tx, _keys, context) {
        runs++;
        expect(context.seed).toBe('integration');
        await tx.insert(settings).values({ key: 'test-extension-ran', value: true });
      },
    });
    try {
      await seedIfEmpty(database.db, database.keys, { residents: 10, ...spec });
      await seedIfEmpty(database.db, database.keys, { residents: 10, ...spec });
      expect(runs).toBe(1);
      const marks = await database.db.select().from(settings).where(sql`${settings.key} like 'test-extension%' or ${settings.key} = 'demo.extension.test-extension'`);
      expect(marks.map((m) => m.key).sort()).toEqual(['demo.extension.test-extension', 'test-extension-ran']);
    } finally {
      demoExtensions.pop();
    }
  });

  it('seeds only once when two instances start together (one advisory lock)', async () => {
    const [a, b] = await Promise.all([
      seedIfEmpty(database.db, database.keys, { residents: 300, ...spec }),
      seedIfEmpty(database.db, database.keys, { residents: 300, ...spec }),
    ]);
    expect([a.status, b.status].sort()).toEqual(['seeded', 'skipped']);
    expect(await database.db.$count(residents)).toBe(300 + DEMO_RESIDENTS.length);
  });
});
