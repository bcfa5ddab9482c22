// The eligibility checker's answer, as a pure function of a few plain
// answers. The same code runs on the server (the form posted without
// JavaScript) and in the browser (the form's offline enhancement), so it
// imports nothing but the card's rules (lib/eligibility): the registry's
// index also exports database lookups, which must never reach the browser's
// bundle.
import { MINIMUM_AGE, type EligibilityFailure } from '@/lib/eligibility';

export { MINIMUM_AGE };

/** Each question and its answers, in the order the form asks them. */
export const questions = {
  age: ['under14', '14plus'],
  cardKind: ['chip', 'legacy', 'notSure'],
  cardValid: ['yes', 'no'],
  phoneOwn: ['yes', 'no'],
  residence: ['residenceCard', 'permanentResidenceCard', 'overseasKoreanCard', 'noCard'],
} as const;

export type Question = keyof typeof questions;
export const questionNames = Object.keys(questions) as Question[];

export type Answers = { [Q in Question]: (typeof questions)[Q][number] };

/**
 * Why someone cannot get the mobile card yet, in the order they are shown.
 * The first three are the registry's own rules (lib/registry); the fourth,
 * a phone in one's own name, the registry cannot know.
 */
export type Blocker = Extract<EligibilityFailure, 'no_card' | 'under_14' | 'card_expired'> | 'phone_not_own';
export const blockerOrder: readonly Blocker[] = ['no_card', 'under_14', 'card_expired', 'phone_not_own'];

/** The ways to the mobile card: chip self-service, office visit, video check, or an IC card first. */
export type Path = 'chip' | 'office' | 'video' | 'upgrade_first';

/** What to bring or prepare (eligibility.checklists.<name>). */
export type Checklist = 'chip' | 'office' | 'video' | 'upgrade' | 'phoneContract';

export type Outcome =
  | {
      eligible: true;
      /** notSure: the reader does not know their card kind yet; both ways are shown. */
      cardKind: 'chip' | 'legacy' | 'notSure';
      paths: Path[];
      checklists: Checklist[];
    }
  | {
      eligible: false;
      /** Every reason that applies, in blockerOrder. */
      reasons: Blocker[];
      checklists: Checklist[];
    };

/** Short names for the funnel counters: eligibility_answered:<code>. */
export const outcomeCodes = [
  'eligible_chip',
  'eligible_legacy',
  'eligible_not_sure',
  'not_eligible_no_card',
  'not_eligible_under_14',
  'not_eligible_card_expired',
  'not_eligible_phone_not_own',
] as const;
export type OutcomeCode = (typeof outcomeCodes)[number];

/** The answer for complete answers. */
export function decideEligibility(answers: Answers): Outcome {
  const reasons: Blocker[] = [];
  if (answers.residence === 'noCard') reasons.push('no_card');
  if (answers.age === 'under14') reasons.push('under_14');
  if (answers.cardValid === 'no') reasons.push('card_expired');
  if (answers.phoneOwn === 'no') reasons.push('phone_not_own');
  if (reasons.length > 0) {
    return { eligible: false, reasons, checklists: reasons.includes('phone_not_own') ? ['phoneContract'] : [] };
  }
  switch (answers.cardKind) {
    case 'chip':
      return { eligible: true, cardKind: 'chip', paths: ['chip'], checklists: ['chip'] };
    case 'legacy':
      return {
        eligible: true,
        cardKind: 'legacy',
        paths: ['office', 'video', 'upgrade_first'],
        checklists: ['office', 'video', 'upgrade'],
      };
    case 'notSure':
      return { eligible: true, cardKind: 'notSure', paths: ['chip', 'office', 'video'], checklists: ['chip', 'office'] };
  }
}

export function outcomeCode(outcome: Outcome): OutcomeCode {
  if (outcome.eligible) {
    return outcome.cardKind === 'chip' ? 'eligible_chip' : outcome.cardKind === 'legacy' ? 'eligible_legacy' : 'eligible_not_sure';
  }
  return `not_eligible_${outcome.reasons[0]!}`;
}

export type CheckResult =
  | {
      status: 'incomplete';
      /** The answers given, kept to fill the form again. */
      answers: Partial<Answers>;
      /** Unanswered (or unreadable) questions, in form order. */
      missing: Question[];
    }
  | { status: 'answered'; answers: Answers; outcome: Outcome; code: OutcomeCode };

function isAnswer<Q extends Question>(question: Q, value: unknown): value is Answers[Q] {
  return typeof value === 'string' && (questions[question] as readonly string[]).includes(value);
}

/**
 * Reads the form (a FormData, URLSearchParams or plain object through
 * `get`) and answers it, or says which questions are missing. Anything not
 * one of a question's answers counts as missing.
 */
export function checkAnswers(get: (question: Question) => unknown): CheckResult {
  const answers: Partial<Record<Question, string>> = {};
  const missing: Question[] = [];
  for (const question of questionNames) {
    const value = get(question);
    if (isAnswer(question, value)) answers[question] = value;
    else missing.push(question);
  }
  if (missing.length > 0) return { status: 'incomplete', answers: answers as Partial<Answers>, missing };
  const complete = answers as Answers;
  const outcome = decideEligibility(complete);
  return { status: 'answered', answers: complete, outcome, code: outcomeCode(outcome) };
}
