// Reading the registry: a resident by registration number (through its keyed
// hash, never a scan), the current physical card, and personal data only for
// callers that ask for it by name.
import { timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { cards, residents } from '@/db/schema/registry';
import { registrationLookupHash, type DataKeys } from '@/lib/security';
import { checkEligibility, normalisePhone, parseRegistrationNumber, type Eligibility } from '@/lib/eligibility';
import { openPersonalData, type ResidentPersonalData } from './personal-data';

/** A resident without personal data: safe to pass around, log by id, count. */
export type ResidentRecord = {
  id: number;
  nationality: string;
  birthDate: string;
  sex: 'F' | 'M';
  residenceStatus: string;
  region: string;
  preferredLanguage: string;
  registeredAt: string;
};

export type CurrentCard = {
  id: number;
  residentId: number;
  serial: string;
  kind: 'chip' | 'legacy';
  issuedOn: string;
  expiresOn: string;
  /** SPKI DER of the chip's P-256 key; null for legacy cards. */
  chipPublicKey: Buffer | null;
};

const residentColumns = {
  id: residents.id,
  nationality: residents.nationality,
  birthDate: residents.birthDate,
  sex: residents.sex,
  residenceStatus: residents.residenceStatus,
  region: residents.region,
  preferredLanguage: residents.preferredLanguage,
  registeredAt: residents.registeredAt,
};

const cardColumns = {
  id: cards.id,
  residentId: cards.residentId,
  serial: cards.serial,
  kind: cards.kind,
  issuedOn: cards.issuedOn,
  expiresOn: cards.expiresOn,
  chipPublicKey: cards.chipPublicKey,
};

/** The resident with this registration number (any written form), or null. No personal data. */
export async function findResidentByRegistrationNumber(
  db: Executor,
  keys: DataKeys,
  registrationNumber: string,
): Promise<ResidentRecord | null> {
  const parsed = parseRegistrationNumber(registrationNumber);
  if (!parsed) return null;
  const rows = await db
    .select(residentColumns)
    .from(residents)
    .where(eq(residents.registrationHash, registrationLookupHash(keys, parsed)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findResidentById(db: Executor, residentId: number): Promise<ResidentRecord | null> {
  const rows = await db.select(residentColumns).from(residents).where(eq(residents.id, residentId)).limit(1);
  return rows[0] ?? null;
}

/** The resident's current (not replaced) physical card, or null. */
export async function findCurrentCard(db: Executor, residentId: number): Promise<CurrentCard | null> {
  const rows = await db
    .select(cardColumns)
    .from(cards)
    .where(and(eq(cards.residentId, residentId), isNull(cards.replacedAt)))
    .limit(1);
  return rows[0] ?? null;
}

/** The card with this serial, current or not, or null. */
export async function findCardBySerial(db: Executor, serial: string): Promise<(CurrentCard & { current: boolean }) | null> {
  const rows = await db
    .select({ ...cardColumns, replacedAt: cards.replacedAt })
    .from(cards)
    .where(eq(cards.serial, serial.trim().toUpperCase()))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const { replacedAt, ...card } = row;
  return { ...card, current: replacedAt === null };
}

/**
 * The resident's name, registration number and phone number, decrypted.
 * Only for the few callers that must show or use them (the card itself, the
 * SMS to the phone on record, an officer's check); never log the result.
 */
export async function getResidentPersonalData(
  db: Executor,
  keys: DataKeys,
  residentId: number,
): Promise<ResidentPersonalData | null> {
  const rows = await db
    .select({ registrationNumberEnc: residents.registrationNumberEnc, nameEnc: residents.nameEnc, phoneEnc: residents.phoneEnc })
    .from(residents)
    .where(eq(residents.id, residentId))
    .limit(1);
  return rows[0] ? openPersonalData(keys, rows[0]) : null;
}

/** Whether `phone` is the phone number on record, without handing the number out. */
export async function phoneMatchesRecord(db: Executor, keys: DataKeys, residentId: number, phone: string): Promise<boolean> {
  const data = await getResidentPersonalData(db, keys, residentId);
  if (!data) return false;
  const a = Buffer.from(normalisePhone(data.phone));
  const b = Buffer.from(normalisePhone(phone));
  return a.length === b.length && timingSafeEqual(a, b);
}

export type EligibilityCheck = {
  resident: ResidentRecord | null;
  card: CurrentCard | null;
  eligibility: Eligibility;
};

/** Looks the resident and card up and checks every rule for the day `on` (YYYY-MM-DD). */
export async function checkEligibilityByRegistrationNumber(
  db: Executor,
  keys: DataKeys,
  registrationNumber: string,
  on: string,
): Promise<EligibilityCheck> {
  const resident = await findResidentByRegistrationNumber(db, keys, registrationNumber);
  const card = resident ? await findCurrentCard(db, resident.id) : null;
  return { resident, card, eligibility: checkEligibility(resident, card, on) };
}
