// The card as its holder sees it: the registry's facts about the resident
// and their current physical card, with the personal fields decrypted. Only
// for the holder's own unlocked screen and the tokens they choose to show.
import type { Executor } from '@/db/client';
import type { DataKeys } from '@/lib/security';
import { findCurrentCard, findResidentById, getResidentPersonalData } from '@/lib/registry';
import { presentationErrors } from './errors';
import type { CardHolder } from './profiles';

export async function loadCardHolder(db: Executor, keys: DataKeys, residentId: number): Promise<CardHolder> {
  const [resident, card, personal] = await Promise.all([
    findResidentById(db, residentId),
    findCurrentCard(db, residentId),
    getResidentPersonalData(db, keys, residentId),
  ]);
  if (!resident || !card || !personal) throw presentationErrors.create('no_card');
  return {
    name: personal.name,
    nationality: resident.nationality,
    residenceStatus: resident.residenceStatus,
    birthDate: resident.birthDate,
    registrationNumber: personal.registrationNumber,
    validUntil: card.expiresOn,
  };
}
