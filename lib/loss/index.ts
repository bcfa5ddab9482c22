// Loss: reporting a card lost (from any device with the card's details, or
// by an officer) and locking every active mobile card of the resident at
// once; the limits on tries; the report's reference.
export { lossErrors, type LossErrorCode } from './errors';
export {
  CARD_SERIAL_PATTERN,
  LOSS_FIELDS,
  REGISTRATION_NUMBER_PATTERN,
  birthDateOfParts,
  checkLossDetails,
  type BirthDateParts,
  type CheckedDetails,
  type LossDetails,
  type LossField,
  type LossFieldCode,
} from './details';
export { LOSS_LIMITS } from './limits';
export { REFERENCE_PATTERN, newReference, normaliseReference } from './reference';
export {
  LOSS_ANSWER_MIN_MS,
  LOSS_REPORTED,
  LOSS_REPORT_UNMATCHED,
  reportLoss,
  reportLossByOfficer,
  type LossDeps,
  type LossReportAnswer,
  type LossReportInput,
  type OfficerLossReport,
} from './report';
export { mobileCardsOf, type MobileCards } from './cards';
