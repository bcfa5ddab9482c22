import { describe, expect, it } from 'vitest';
import {
  ageOn,
  birthDateFromRegistrationNumber,
  birthdayOfAge,
  cardValidityOn,
  checkEligibility,
  normalisePhone,
  parseRegistrationNumber,
  normaliseCardSerial,
  isCardSerial,
  type CardFacts,
} from '.';

const chip: CardFacts = { kind: 'chip', issuedOn: '2025-03-17', expiresOn: '2029-03-16' };
const legacy: CardFacts = { kind: 'legacy', issuedOn: '2020-05-20', expiresOn: '2030-05-19' };

describe('age', () => {
  it('counts full years, turning a year older on the birthday itself', () => {
    expect(ageOn('2012-06-15', '2026-06-14')).toBe(13);
    expect(ageOn('2012-06-15', '2026-06-15')).toBe(14);
    expect(ageOn('2012-06-15', '2026-12-31')).toBe(14);
    expect(ageOn('1988-09-23', '2026-11-23')).toBe(38);
  });

  it('lets someone born on 29 February turn a year older on 1 March in common years', () => {
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
    expect(birthdayOfAge('2012-02-29', 14)).toBe('2026-03-01');
    expect(birthdayOfAge('2012-02-29', 16)).toBe('2028-02-29');
  });

  it('refuses a day that is not YYYY-MM-DD', () => {
    expect(() => ageOn('2012-06-15', '15/06/2026')).toThrow();
  });
});

describe('card validity', () => {
  it('is valid from the issue day through the expiry day', () => {
    expect(cardValidityOn(chip, '2025-03-16')).toBe('not_yet_valid');
    expect(cardValidityOn(chip, '2025-03-17')).toBe('valid');
    expect(cardValidityOn(chip, '2029-03-16')).toBe('valid');
    expect(cardValidityOn(chip, '2029-03-17')).toBe('expired');
  });

  it('is never valid once replaced', () => {
    expect(cardValidityOn({ ...chip, replacedAt: new Date('2026-01-01') }, '2026-06-01')).toBe('replaced');
  });
});

describe('eligibility for the mobile card', () => {
  const adult = { birthDate: '1996-04-12' };

  it('admits a registered adult with a valid card, naming the card kind (the issuance path)', () => {
    expect(checkEligibility(adult, chip, '2026-11-23')).toEqual({ eligible: true, cardKind: 'chip' });
    expect(checkEligibility(adult, legacy, '2026-11-23')).toEqual({ eligible: true, cardKind: 'legacy' });
  });

  it('refuses someone not in the registry', () => {
    expect(checkEligibility(null, null, '2026-11-23')).toMatchObject({ eligible: false, rule: 'registered', reason: 'not_registered' });
  });

  it('refuses under 14 and says from when they can apply', () => {
    const child = { birthDate: '2015-07-01' };
    expect(checkEligibility(child, chip, '2026-11-23')).toMatchObject({
      eligible: false,
      rule: 'minimum_age',
      reason: 'under_14',
      eligibleFrom: '2029-07-01',
    });
    expect(checkEligibility(child, chip, '2029-06-30')).toMatchObject({ eligible: false, reason: 'under_14' });
    expect(checkEligibility(child, legacy, '2029-07-01').eligible).toBe(true);
  });

  it('refuses an expired card, a card not yet valid, and no card', () => {
    const expired: CardFacts = { kind: 'chip', issuedOn: '2025-02-03', expiresOn: '2026-02-02' };
    expect(checkEligibility(adult, expired, '2026-11-23')).toMatchObject({
      eligible: false,
      rule: 'card_valid',
      reason: 'card_expired',
      expiredOn: '2026-02-02',
      cardKind: 'chip',
    });
    expect(checkEligibility(adult, expired, '2026-02-02').eligible).toBe(true);
    expect(checkEligibility(adult, chip, '2025-01-01')).toMatchObject({ reason: 'card_not_yet_valid' });
    expect(checkEligibility(adult, null, '2026-11-23')).toMatchObject({ rule: 'has_card', reason: 'no_card' });
    expect(checkEligibility(adult, { ...chip, replacedAt: '2026-01-01T00:00:00Z' }, '2026-11-23')).toMatchObject({ reason: 'no_card' });
  });

  it('reports every reason that applies, the age first', () => {
    const result = checkEligibility({ birthDate: '2015-07-01' }, { kind: 'legacy', issuedOn: '2020-01-01', expiresOn: '2024-01-01' }, '2026-11-23');
    expect(result).toMatchObject({ eligible: false, reason: 'under_14', reasons: ['under_14', 'card_expired'] });
  });
});

describe('registration numbers and phones', () => {
  it('accepts the foreigner format with or without hyphen or spaces', () => {
    expect(parseRegistrationNumber('880923-5900002')).toBe('880923-5900002');
    expect(parseRegistrationNumber('8809235900002')).toBe('880923-5900002');
    expect(parseRegistrationNumber(' 880923 5900002 ')).toBe('880923-5900002');
  });

  it('reads a number typed on a Nepali, Arabic, Urdu or Myanmar keyboard, or with a typographic dash', () => {
    expect(parseRegistrationNumber('८८०९२३-५९००००२')).toBe('880923-5900002');
    expect(parseRegistrationNumber('٨٨٠٩٢٣-٥٩٠٠٠٠٢')).toBe('880923-5900002');
    expect(parseRegistrationNumber('۸۸۰۹۲۳۵۹۰۰۰۰۲')).toBe('880923-5900002');
    expect(parseRegistrationNumber('၈၈၀၉၂၃–၅၉၀၀၀၀၂')).toBe('880923-5900002');
    expect(parseRegistrationNumber('\u2066880923\u20115900002\u2069')).toBe('880923-5900002');
    expect(normalisePhone('০১০-১২৩৪-৫৬৭৮')).toBe('01012345678');
    expect(normaliseCardSerial('ic ১২৩৪-৫৬৭৮৯')).toBe('IC123456789');
    expect(isCardSerial('IC123456789')).toBe(true);
    expect(isCardSerial('IC')).toBe(false);
    expect(isCardSerial('ICABCDEFG')).toBe(false);
  });

  it('rejects citizens’ numbers (G 1–4), impossible dates and wrong lengths', () => {
    expect(parseRegistrationNumber('880923-1900002')).toBeNull();
    expect(parseRegistrationNumber('880230-5900002')).toBeNull();
    expect(parseRegistrationNumber('010229-7900002')).toBeNull(); // 2001 is not a leap year
    expect(parseRegistrationNumber('000229-7900002')).toBe('000229-7900002'); // 2000 is
    expect(parseRegistrationNumber('880923-590000')).toBeNull();
    expect(parseRegistrationNumber('abc')).toBeNull();
  });

  it('reads the birth date (and century) from the number', () => {
    expect(birthDateFromRegistrationNumber('880923-5900002')).toBe('1988-09-23');
    expect(birthDateFromRegistrationNumber('150701-7900003')).toBe('2015-07-01');
    expect(birthDateFromRegistrationNumber('150701-8900003')).toBe('2015-07-01');
  });

  it('compares phone numbers by digits, +82 written or not', () => {
    expect(normalisePhone('010-2025-0101')).toBe('01020250101');
    expect(normalisePhone('+82 10-2025-0101')).toBe('01020250101');
    expect(normalisePhone('010 2025 0101')).toBe('01020250101');
  });
});
