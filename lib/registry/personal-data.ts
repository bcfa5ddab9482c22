// How a resident's personal data is sealed at rest: each field encrypted with
// AES-256-GCM under the data key, bound to its column (the additional
// authenticated data), so a ciphertext moved to another column does not open;
// the registration number's keyed hash (HMAC) is the lookup key.
import { decryptField, encryptField, registrationLookupHash, type DataKeys } from '@/lib/security';

export const RESIDENT_FIELD_AAD = {
  name: 'residents.name',
  registrationNumber: 'residents.registration_number',
  phone: 'residents.phone',
} as const;

export type ResidentPersonalData = {
  name: string;
  /** As written on the card: YYMMDD-GXXXXXX. */
  registrationNumber: string;
  /** As on record: 010-XXXX-XXXX. */
  phone: string;
};

export type SealedPersonalData = {
  registrationHash: Buffer;
  registrationNumberEnc: Buffer;
  nameEnc: Buffer;
  phoneEnc: Buffer;
};

export function sealPersonalData(keys: DataKeys, data: ResidentPersonalData): SealedPersonalData {
  return {
    registrationHash: registrationLookupHash(keys, data.registrationNumber),
    registrationNumberEnc: encryptField(keys, data.registrationNumber, RESIDENT_FIELD_AAD.registrationNumber),
    nameEnc: encryptField(keys, data.name, RESIDENT_FIELD_AAD.name),
    phoneEnc: encryptField(keys, data.phone, RESIDENT_FIELD_AAD.phone),
  };
}

export function openPersonalData(
  keys: DataKeys,
  sealed: Pick<SealedPersonalData, 'registrationNumberEnc' | 'nameEnc' | 'phoneEnc'>,
): ResidentPersonalData {
  return {
    registrationNumber: decryptField(keys, sealed.registrationNumberEnc, RESIDENT_FIELD_AAD.registrationNumber),
    name: decryptField(keys, sealed.nameEnc, RESIDENT_FIELD_AAD.name),
    phone: decryptField(keys, sealed.phoneEnc, RESIDENT_FIELD_AAD.phone),
  };
}
