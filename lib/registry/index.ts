// The registry: registered foreigners and their physical cards (the
// ministry's data, seeded here with a synthetic population), how their
// personal data is sealed, and the eligibility rules of the mobile card
// (kept in lib/eligibility, pure and safe for the browser; re-exported here).
export {
  MINIMUM_AGE,
  ageOn,
  birthdayOfAge,
  meetsMinimumAge,
  cardValidityOn,
  isCardValidOn,
  checkEligibility,
  parseRegistrationNumber,
  birthDateFromRegistrationNumber,
  normalisePhone,
  normaliseCardSerial,
  isCardSerial,
  type CardFacts,
  type CardValidity,
  type Eligibility,
  type EligibilityFailure,
  type EligibilityRule,
  type ResidentFacts,
} from '@/lib/eligibility';
export {
  RESIDENT_FIELD_AAD,
  sealPersonalData,
  openPersonalData,
  type ResidentPersonalData,
  type SealedPersonalData,
} from './personal-data';
export {
  findResidentByRegistrationNumber,
  findResidentById,
  findCurrentCard,
  findCardBySerial,
  getResidentPersonalData,
  phoneMatchesRecord,
  checkEligibilityByRegistrationNumber,
  type CurrentCard,
  type EligibilityCheck,
  type ResidentRecord,
} from './lookup';
