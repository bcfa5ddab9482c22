import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  blockerOrder,
  checkAnswers,
  decideEligibility,
  outcomeCode,
  outcomeCodes,
  questionNames,
  questions,
  type Answers,
} from './eligibility';

const eligible: Answers = { age: '14plus', cardKind: 'chip', cardValid: 'yes', phoneOwn: 'yes', residence: 'residenceCard' };

const arbitraryAnswers = fc.record(
  Object.fromEntries(questionNames.map((q) => [q, fc.constantFrom(...questions[q])])) as {
    [Q in keyof Answers]: fc.Arbitrary<Answers[Q]>;
  },
);

describe('decideEligibility', () => {
  it.each([
    ['a chip card holder goes the self-service way with the chip checklist', eligible, 'eligible_chip', ['chip'], ['chip']],
    [
      'an older card holder gets the office visit, the video check and the upgrade first',
      { ...eligible, cardKind: 'legacy' },
      'eligible_legacy',
      ['office', 'video', 'upgrade_first'],
      ['office', 'video', 'upgrade'],
    ],
    [
      'someone unsure of their card kind is shown both ways',
      { ...eligible, cardKind: 'notSure' },
      'eligible_not_sure',
      ['chip', 'office', 'video'],
      ['chip', 'office'],
    ],
    [
      'permanent residents are eligible',
      { ...eligible, residence: 'permanentResidenceCard' },
      'eligible_chip',
      ['chip'],
      ['chip'],
    ],
    [
      'overseas Koreans with a residence report card are eligible',
      { ...eligible, residence: 'overseasKoreanCard', cardKind: 'legacy' },
      'eligible_legacy',
      ['office', 'video', 'upgrade_first'],
      ['office', 'video', 'upgrade'],
    ],
  ] as const)('%s', (_, answers, code, paths, checklists) => {
    const outcome = decideEligibility(answers);
    expect(outcome).toEqual({ eligible: true, cardKind: answers.cardKind, paths, checklists });
    expect(outcomeCode(outcome)).toBe(code);
  });

  it.each([
    ['under 14', { age: 'under14' }, ['under_14'], []],
    ['no registration card yet', { residence: 'noCard' }, ['no_card'], []],
    ['an expired or lost card', { cardValid: 'no' }, ['card_expired'], []],
    ['a phone in someone else’s name', { phoneOwn: 'no' }, ['phone_not_own'], ['phoneContract']],
  ] as const)('%s is not eligible, and says why', (_, change, reasons, checklists) => {
    const outcome = decideEligibility({ ...eligible, ...change });
    expect(outcome).toEqual({ eligible: false, reasons, checklists });
    expect(outcomeCode(outcome)).toBe(`not_eligible_${reasons[0]}`);
  });

  it('names every reason that applies, in the order they are shown, whatever the card kind', () => {
    const outcome = decideEligibility({ age: 'under14', cardKind: 'chip', cardValid: 'no', phoneOwn: 'no', residence: 'noCard' });
    expect(outcome).toEqual({
      eligible: false,
      reasons: ['no_card', 'under_14', 'card_expired', 'phone_not_own'],
      checklists: ['phoneContract'],
    });
    expect(outcomeCode(outcome)).toBe('not_eligible_no_card');
  });

  it('over every combination: eligible exactly when no rule blocks; reasons keep their order; the code is a known one', () => {
    fc.assert(
      fc.property(arbitraryAnswers, (answers) => {
        const outcome = decideEligibility(answers);
        const blocked =
          answers.age === 'under14' || answers.residence === 'noCard' || answers.cardValid === 'no' || answers.phoneOwn === 'no';
        expect(outcome.eligible).toBe(!blocked);
        if (!outcome.eligible) {
          const order = outcome.reasons.map((r) => blockerOrder.indexOf(r));
          expect(order).toEqual([...order].sort((a, b) => a - b));
        } else {
          expect(outcome.cardKind).toBe(answers.cardKind);
        }
        expect(outcomeCodes).toContain(outcomeCode(outcome));
      }),
    );
  });
});

describe('checkAnswers', () => {
  it('answers a complete form', () => {
    const result = checkAnswers((q) => ({ ...eligible, cardKind: 'legacy' })[q]);
    expect(result).toMatchObject({ status: 'answered', code: 'eligible_legacy' });
  });

  it('lists the missing questions in form order and keeps the answers given', () => {
    const given = new URLSearchParams({ cardKind: 'chip', phoneOwn: 'no' });
    expect(checkAnswers((q) => given.get(q))).toEqual({
      status: 'incomplete',
      answers: { cardKind: 'chip', phoneOwn: 'no' },
      missing: ['age', 'cardValid', 'residence'],
    });
  });

  it('treats anything that is not one of the answers as missing, and never keeps it', () => {
    const form: Record<string, unknown> = { ...eligible, age: '99', residence: ['noCard'], cardValid: { yes: true } };
    expect(checkAnswers((q) => form[q])).toEqual({
      status: 'incomplete',
      answers: { cardKind: 'chip', phoneOwn: 'yes' },
      missing: ['age', 'cardValid', 'residence'],
    });
  });
});
