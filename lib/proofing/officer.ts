// The officer's side: find a resident by registration number, see what the
// registry and the card say, and be allowed to issue a grant only as an
// active officer, for a resident who may get the mobile card today.
import type { Executor } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';
import { recordAudit } from '@/lib/audit';
import {
  cardValidityOn,
  checkEligibility,
  findCurrentCard,
  findResidentById,
  findResidentByRegistrationNumber,
  getResidentPersonalData,
  parseRegistrationNumber,
  type CardValidity,
  type Eligibility,
} from '@/lib/registry';
import type { DataKeys } from '@/lib/security';
import { activeStaffRole } from '@/lib/staff';
import { proofingErrors } from './grants';

/** What the officer compares with the person and the card in front of them. Personal data: never log. */
export type OfficerResidentView = {
  residentId: number;
  name: string;
  registrationNumber: string;
  nationality: string;
  birthDate: string;
  sex: 'F' | 'M';
  residenceStatus: string;
  preferredLanguage: string;
  card: { kind: 'chip' | 'legacy'; serial: string; issuedOn: string; expiresOn: string; validity: CardValidity } | null;
  eligibility: Eligibility;
};

async function requireOfficer(db: Executor, officerId: string): Promise<void> {
  if ((await activeStaffRole(db, officerId)) !== 'officer') throw proofingErrors.create('not_an_officer');
}

/** Checks the officer and that the resident may enroll today; throws otherwise. */
export async function authorizeOfficer(tx: Executor, clock: Clock, officerId: string, residentId: number): Promise<void> {
  await requireOfficer(tx, officerId);
  const resident = await findResidentById(tx, residentId);
  if (!resident) throw proofingErrors.create('resident_not_found');
  const card = await findCurrentCard(tx, residentId);
  const eligibility = checkEligibility(resident, card, seoulDay(clock.now()));
  if (!eligibility.eligible) throw proofingErrors.create('resident_not_eligible', { reason: eligibility.reason });
}

/**
 * An officer looks a resident up by registration number. The lookup is
 * audited (who looked whom up); the number itself is never written down.
 * Throws proofing.registration_number_format for text that is no registration
 * number, proofing.resident_not_found for a number not in the registry.
 */
export async function findResidentForOfficer(
  db: Executor,
  clock: Clock,
  keys: DataKeys,
  input: { officerId: string; registrationNumber: string },
): Promise<OfficerResidentView> {
  await requireOfficer(db, input.officerId);
  const parsed = parseRegistrationNumber(input.registrationNumber);
  const resident = parsed ? await findResidentByRegistrationNumber(db, keys, parsed) : null;
  if (!resident) {
    await recordAudit(db, clock, {
      actor: { kind: 'staff', id: input.officerId },
      action: 'proofing.resident_lookup_missed',
      detail: { wellFormed: parsed !== null },
    });
    // A number that is not one (a digit short, a letter) is said as such: "no such resident" sent the officer looking for a person.
    throw proofingErrors.create(parsed ? 'resident_not_found' : 'registration_number_format');
  }
  const today = seoulDay(clock.now());
  const card = await findCurrentCard(db, resident.id);
  const personal = await getResidentPersonalData(db, keys, resident.id);
  await recordAudit(db, clock, {
    actor: { kind: 'staff', id: input.officerId },
    action: 'proofing.resident_viewed',
    subject: { kind: 'resident', id: resident.id },
  });
  return {
    residentId: resident.id,
    name: personal!.name,
    registrationNumber: personal!.registrationNumber,
    nationality: resident.nationality,
    birthDate: resident.birthDate,
    sex: resident.sex,
    residenceStatus: resident.residenceStatus,
    preferredLanguage: resident.preferredLanguage,
    card: card
      ? { kind: card.kind, serial: card.serial, issuedOn: card.issuedOn, expiresOn: card.expiresOn, validity: cardValidityOn(card, today) }
      : null,
    eligibility: checkEligibility(resident, card, today),
  };
}
