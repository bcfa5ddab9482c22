// The three facts a resident types to book, checked for their FORM before
// anything is sent (in the browser) and again by the server action: which
// field is badly written is said, field by field. Whether they match a
// resident is the server's to say, and it never says which one did not.
// Pure: runs in the browser too.
import { isCalendarDay } from '@/lib/clock';
import { asciiDigits } from '@/lib/i18n';
import { birthDateFromRegistrationNumber, birthDateOfParts, isCardSerial, normaliseCardSerial, parseRegistrationNumber, type BirthDateParts } from '@/lib/eligibility';

export const IDENTITY_FIELDS = ['registrationNumber', 'cardSerial', 'birthDate'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
export type IdentityFacts = Record<IdentityField, string>;
/** The date of birth's three boxes in the form (components/birth-date-fields.tsx). */
export const DATE_BOXES = ['day', 'month', 'year'] as const;
export type DateBox = (typeof DATE_BOXES)[number];
/** The message key (under booking.book.fieldErrors) of each badly written field. */
export type FieldProblem = 'registrationNumber' | 'cardSerial' | 'birthDateMissing' | 'birthDate' | 'birthDateMismatch';
export type FieldProblems = Partial<Record<IdentityField, FieldProblem>>;

export function checkIdentityFormat(facts: IdentityFacts, today: string): FieldProblems {
  const problems: FieldProblems = {};
  const registration = parseRegistrationNumber(facts.registrationNumber);
  if (!registration) problems.registrationNumber = 'registrationNumber';
  if (!isCardSerial(normaliseCardSerial(facts.cardSerial))) problems.cardSerial = 'cardSerial';
  const birth = asciiDigits(facts.birthDate).trim();
  if (!birth) problems.birthDate = 'birthDateMissing';
  else if (!isCalendarDay(birth) || birth > today || birth < '1900-01-01') problems.birthDate = 'birthDate';
  else if (registration && birthDateFromRegistrationNumber(registration) !== birth) problems.birthDate = 'birthDateMismatch';
  return problems;
}

/** The form's three date boxes as the one date the facts carry: YYYY-MM-DD, '' when all are empty, 'invalid' when they make no date (the check then names the field). */
export function birthDateOfBoxes(boxes: BirthDateParts, today: string): string {
  const date = birthDateOfParts(boxes, today);
  return date === 'missing' ? '' : date;
}
