// Who may get the mobile card, as pure functions of the registry's data and
// a day (YYYY-MM-DD, the day in Korea): a registered foreigner, aged 14 or
// over, whose physical card is valid on that day. (The fourth rule of the
// real card, a smartphone in one's own name, is checked by the phone
// verification of the issuance journey.)
import { asciiDigits } from '@/lib/i18n';

export const MINIMUM_AGE = 14;

export type EligibilityRule =
  /** The registration number belongs to a registered foreigner. */
  | 'registered'
  /** Aged 14 or over on the day. */
  | 'minimum_age'
  /** Holds a current (not replaced) physical card. */
  | 'has_card'
  /** The card is valid on the day: issued on or before it, not expired. */
  | 'card_valid';

export type EligibilityFailure = 'not_registered' | 'under_14' | 'no_card' | 'card_not_yet_valid' | 'card_expired';

export type CardFacts = {
  kind: 'chip' | 'legacy';
  issuedOn: string;
  expiresOn: string;
  replacedAt?: Date | string | null;
};

export type ResidentFacts = { birthDate: string };

export type Eligibility =
  | {
      eligible: true;
      /** chip: self-issue with the card's chip; legacy: identity proofing by an officer (office or video). */
      cardKind: 'chip' | 'legacy';
    }
  | {
      eligible: false;
      /** The first rule that failed, in the order registered → age → card → validity. */
      rule: EligibilityRule;
      reason: EligibilityFailure;
      /** Every reason that applies (a child with an expired card has two). */
      reasons: EligibilityFailure[];
      /** For someone under 14: the day they turn 14. */
      eligibleFrom?: string;
      /** For an expired card: the day it expired. */
      expiredOn?: string;
      cardKind?: 'chip' | 'legacy';
    };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): [number, number, number] {
  const m = ISO_DAY.exec(day);
  if (!m) throw new Error(`Not a day (YYYY-MM-DD): ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Full years of age on `on` (the birthday itself counts; 29 February birthdays count from 1 March). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

/** The day someone born on birthDate turns `years` (1 March for 29 February in common years). */
export function birthdayOfAge(birthDate: string, years: number): string {
  const [by, bm, bd] = parts(birthDate);
  const date = new Date(Date.UTC(by + years, bm - 1, bd));
  // Date.UTC rolls 29 February of a common year over to 1 March, as wanted.
  return date.toISOString().slice(0, 10);
}

export function meetsMinimumAge(birthDate: string, on: string): boolean {
  return ageOn(birthDate, on) >= MINIMUM_AGE;
}

export type CardValidity = 'valid' | 'not_yet_valid' | 'expired' | 'replaced';

/** Whether a physical card is valid on `on`: its expiry day is the last valid day. */
export function cardValidityOn(card: CardFacts, on: string): CardValidity {
  parts(on);
  if (card.replacedAt) return 'replaced';
  if (on < card.issuedOn) return 'not_yet_valid';
  if (on > card.expiresOn) return 'expired';
  return 'valid';
}

export function isCardValidOn(card: CardFacts, on: string): boolean {
  return cardValidityOn(card, on) === 'valid';
}

/**
 * Checks every rule for one resident (null when the registration number is
 * not in the registry) and their current card (null when there is none).
 */
export function checkEligibility(resident: ResidentFacts | null | undefined, card: CardFacts | null | undefined, on: string): Eligibility {
  parts(on);
  if (!resident) return { eligible: false, rule: 'registered', reason: 'not_registered', reasons: ['not_registered'] };
  const reasons: EligibilityFailure[] = [];
  let rule: EligibilityRule | undefined;
  let eligibleFrom: string | undefined;
  let expiredOn: string | undefined;
  if (!meetsMinimumAge(resident.birthDate, on)) {
    reasons.push('under_14');
    rule ??= 'minimum_age';
    eligibleFrom = birthdayOfAge(resident.birthDate, MINIMUM_AGE);
  }
  const validity = card ? cardValidityOn(card, on) : 'replaced';
  if (!card || validity === 'replaced') {
    reasons.push('no_card');
    rule ??= 'has_card';
  } else if (validity === 'not_yet_valid') {
    reasons.push('card_not_yet_valid');
    rule ??= 'card_valid';
  } else if (validity === 'expired') {
    reasons.push('card_expired');
    rule ??= 'card_valid';
    expiredOn = card.expiresOn;
  }
  if (!rule) return { eligible: true, cardKind: card!.kind };
  return {
    eligible: false,
    rule,
    reason: reasons[0]!,
    reasons,
    ...(eligibleFrom ? { eligibleFrom } : {}),
    ...(expiredOn ? { expiredOn } : {}),
    ...(card ? { cardKind: card.kind } : {}),
  };
}

// ---------------------------------------------------------------- registration numbers

/**
 * A foreigner registration number in its written form YYMMDD-GXXXXXX, from
 * input with or without the hyphen or spaces; null when it cannot be one
 * (G must be 5–8, the foreigner digits, and YYMMDD a real day).
 */
export function parseRegistrationNumber(input: string): string | null {
  // Typed in any script's digits (a Nepali or Arabic keyboard's), with any dash.
  const digits = asciiDigits(input).replace(/[\s-]/g, '');
  if (!/^\d{13}$/.test(digits)) return null;
  const g = Number(digits[6]);
  if (g < 5 || g > 8) return null;
  const year = (g <= 6 ? 1900 : 2000) + Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** The birth date a registration number encodes (YYYY-MM-DD), or null. */
export function birthDateFromRegistrationNumber(registrationNumber: string): string | null {
  const parsed = parseRegistrationNumber(registrationNumber);
  if (!parsed) return null;
  const century = Number(parsed[7]) <= 6 ? '19' : '20';
  return `${century}${parsed.slice(0, 2)}-${parsed.slice(2, 4)}-${parsed.slice(4, 6)}`;
}

/** A card serial as typed ("ic 1234-56789", in any script's digits) → "IC123456789". */
export function normaliseCardSerial(value: string): string {
  return asciiDigits(value).replace(/[\s-]/g, '').toUpperCase();
}

/** Two letters, then letters and digits with at least one digit: every card serial in the registry (IC123456789). */
export function isCardSerial(serial: string): boolean {
  return /^[A-Z]{2}[A-Z0-9]{5,18}$/.test(serial) && /\d/.test(serial);
}

/** Phone numbers compared by digits only (010-1234-5678 = 01012345678). */
export function normalisePhone(value: string): string {
  const digits = asciiDigits(value).replace(/\D/g, '');
  // +82 10-… written internationally is the same number as 010-….
  return digits.startsWith('82') && digits.length >= 11 ? `0${digits.slice(2)}` : digits;
}

/** A date of birth as typed in three boxes (components/birth-date-fields.tsx), in any script's digits. */
export type BirthDateParts = { day?: string; month?: string; year?: string };

/** The date of three typed numbers (day, month, year), YYYY-MM-DD; 'missing' when all are empty, 'invalid' otherwise. */
export function birthDateOfParts(parts: BirthDateParts, today: string): string | 'missing' | 'invalid' {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((p) => asciiDigits(p ?? '').trim());
  if (!day && !month && !year) return 'missing';
  if (!/^\d{1,2}$/.test(day!) || !/^\d{1,2}$/.test(month!) || !/^\d{4}$/.test(year!)) return 'invalid';
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return 'invalid';
  if (iso < '1900-01-01' || iso > today) return 'invalid';
  return iso;
}
