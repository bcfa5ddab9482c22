// Integration: the registry's lookups on a seeded database (PGlite in
// memory, or PostgreSQL when DATABASE_URL is set).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cards } from '@/db/schema';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { seedPopulation } from '@/lib/population';
import {
  DEMO_CHIP_RESIDENT,
  DEMO_EXPIRED_CARD_RESIDENT,
  DEMO_LEGACY_RESIDENT,
  DEMO_UNDER_14_RESIDENT,
} from '@/lib/population';
import {
  checkEligibilityByRegistrationNumber,
  findCardBySerial,
  findCurrentCard,
  findResidentByRegistrationNumber,
  getResidentPersonalData,
  phoneMatchesRecord,
} from './index';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await seedPopulation(database.db, database.keys, { residents: 200, seed: 'lookup', asOf: '2026-11-01' });
});
afterAll(async () => {
  await database?.close();
});

const today = '2026-11-23';

describe('registry lookups', () => {
  it('finds a resident by registration number in any written form, without personal data', async () => {
    const a = await findResidentByRegistrationNumber(database.db, database.keys, DEMO_LEGACY_RESIDENT.registrationNumber);
    const b = await findResidentByRegistrationNumber(database.db, database.keys, DEMO_LEGACY_RESIDENT.registrationNumber.replace('-', ''));
    expect(a).not.toBeNull();
    expect(b?.id).toBe(a!.id);
    expect(a).toMatchObject({ nationality: 'CN', birthDate: '1988-09-23', residenceStatus: 'F-5', preferredLanguage: 'zh-CN' });
    expect(Object.keys(a!)).not.toContain('name');
    expect(JSON.stringify(a)).not.toContain('ZHANG');
  });

  it('finds nobody for an unknown or malformed number', async () => {
    expect(await findResidentByRegistrationNumber(database.db, database.keys, '880923-5999999')).toBeNull();
    expect(await findResidentByRegistrationNumber(database.db, database.keys, 'not a number')).toBeNull();
  });

  it('gives the decrypted personal data to a caller that asks for it', async () => {
    const r = await findResidentByRegistrationNumber(database.db, database.keys, DEMO_CHIP_RESIDENT.registrationNumber);
    expect(await getResidentPersonalData(database.db, database.keys, r!.id)).toEqual({
      name: DEMO_CHIP_RESIDENT.name,
      registrationNumber: DEMO_CHIP_RESIDENT.registrationNumber,
      phone: DEMO_CHIP_RESIDENT.phone,
    });
    expect(await getResidentPersonalData(database.db, database.keys, 999_999)).toBeNull();
  });

  it('checks a phone number against the one on record without revealing it', async () => {
    const r = await findResidentByRegistrationNumber(database.db, database.keys, DEMO_CHIP_RESIDENT.registrationNumber);
    expect(await phoneMatchesRecord(database.db, database.keys, r!.id, '01020250101')).toBe(true);
    expect(await phoneMatchesRecord(database.db, database.keys, r!.id, '+82 10-2025-0101')).toBe(true);
    expect(await phoneMatchesRecord(database.db, database.keys, r!.id, '010-2025-0102')).toBe(false);
  });

  it('gives the current card, and finds a card by serial', async () => {
    const r = await findResidentByRegistrationNumber(database.db, database.keys, DEMO_CHIP_RESIDENT.registrationNumber);
    const card = await findCurrentCard(database.db, r!.id);
    expect(card).toMatchObject({ serial: 'IC900000001', kind: 'chip', issuedOn: '2025-03-17', expiresOn: '2029-03-16' });
    expect(card!.chipPublicKey?.length).toBe(91);
    expect(await findCardBySerial(database.db, 'ic900000001')).toMatchObject({ residentId: r!.id, current: true });
    expect(await findCardBySerial(database.db, 'IC999999999')).toBeNull();
  });
});

describe('eligibility of the demo residents', () => {
  it('the chip-card resident may self-issue with the chip', async () => {
    const check = await checkEligibilityByRegistrationNumber(database.db, database.keys, DEMO_CHIP_RESIDENT.registrationNumber, today);
    expect(check.eligibility).toEqual({ eligible: true, cardKind: 'chip' });
  });

  it('the legacy-card resident is eligible through an officer', async () => {
    const check = await checkEligibilityByRegistrationNumber(database.db, database.keys, DEMO_LEGACY_RESIDENT.registrationNumber, today);
    expect(check.eligibility).toEqual({ eligible: true, cardKind: 'legacy' });
  });

  it('the child is refused for age until 2029-07-01', async () => {
    const check = await checkEligibilityByRegistrationNumber(database.db, database.keys, DEMO_UNDER_14_RESIDENT.registrationNumber, today);
    expect(check.eligibility).toMatchObject({ eligible: false, reason: 'under_14', eligibleFrom: '2029-07-01' });
  });

  it('the resident with the expired card is refused for the card', async () => {
    const check = await checkEligibilityByRegistrationNumber(database.db, database.keys, DEMO_EXPIRED_CARD_RESIDENT.registrationNumber, today);
    expect(check.eligibility).toMatchObject({ eligible: false, reason: 'card_expired', expiredOn: '2026-02-02' });
  });

  it('an unknown number is not registered', async () => {
    const check = await checkEligibilityByRegistrationNumber(database.db, database.keys, '700101-5123456', today);
    expect(check).toMatchObject({ resident: null, card: null, eligibility: { eligible: false, reason: 'not_registered' } });
  });

  it('a replaced card no longer counts', async () => {
    const r = await findResidentByRegistrationNumber(database.db, database.keys, DEMO_LEGACY_RESIDENT.registrationNumber);
    await database.db.update(cards).set({ replacedAt: new Date() }).where(eq(cards.residentId, r!.id));
    try {
      const check = await checkEligibilityByRegistrationNumber(database.db, database.keys, DEMO_LEGACY_RESIDENT.registrationNumber, today);
      expect(check.eligibility).toMatchObject({ eligible: false, reason: 'no_card' });
      expect(await findCardBySerial(database.db, 'RC900000002')).toMatchObject({ current: false });
    } finally {
      await database.db.update(cards).set({ replacedAt: null }).where(eq(cards.residentId, r!.id));
    }
  });
});
