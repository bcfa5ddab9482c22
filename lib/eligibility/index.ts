// The rules of the real card: who may get the mobile card (a registered
// foreigner aged 14 or over whose card is valid), and the registration
// number's format. Pure functions, no database and no Node built-ins, so
// the eligibility checker's browser code may use them too; lib/registry
// applies them to its records and re-exports them.
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
  birthDateOfParts,
  type BirthDateParts,
  type CardFacts,
  type CardValidity,
  type Eligibility,
  type EligibilityFailure,
  type EligibilityRule,
  type ResidentFacts,
} from './rules';
