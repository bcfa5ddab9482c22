// THE ENROLLMENT STEP GRAPH — every path, every step, and what must be true
// to enter each step, in this one file (after login.gov's idv flow policy).
// Pages and routes never decide the order themselves: they ask
// `resolveStep` which step a resident may see, and redirect there. So
// typing a later step's URL lands on the step the resident is really on,
// and coming back later resumes where they left off (within the
// enrollment's life: the grant's for office and video, 30 minutes for the
// chip paths).
import type { EnrollmentPath } from '@/db/schema';

export type { EnrollmentPath };
export const ENROLLMENT_PATHS = ['chip', 'office', 'video', 'reissue'] as const satisfies readonly EnrollmentPath[];

/** What is known about an enrollment, as far as the order of steps cares. */
export type EnrollmentFacts = {
  path: EnrollmentPath;
  /** The resident is known: typed details matched the registry, or an officer's grant was claimed. */
  identified: boolean;
  /** The kind of the resident's current card, once identified. */
  cardKind: 'chip' | 'legacy' | null;
  smsVerified: boolean;
  chipVerified: boolean;
  issued: boolean;
  expired: boolean;
};

export type StepName = 'identify' | 'grant' | 'needs_grant' | 'sms' | 'chip' | 'passkey' | 'done';

type StepRule = {
  /** Why the step exists, for the people who read this file. */
  purpose: string;
  /** The step is part of the path for this enrollment (e.g. the chip step only for chip cards). */
  applies?: (f: EnrollmentFacts) => boolean;
  /** What must be true to enter the step. */
  enter: (f: EnrollmentFacts) => boolean;
  /** The step is behind the resident. Terminal steps are never complete. */
  complete: (f: EnrollmentFacts) => boolean;
};

const selfService = (f: EnrollmentFacts) => f.path === 'chip' || f.path === 'reissue';
const chipCard = (f: EnrollmentFacts) => f.cardKind === 'chip';

export const STEPS: Record<StepName, StepRule> = {
  identify: {
    purpose: 'Registration number, card serial and date of birth find the resident and the card in the registry.',
    enter: (f) => !f.identified,
    complete: (f) => f.identified,
  },
  grant: {
    purpose: "The officer's one-time QR (or its short code) names the resident an officer has checked.",
    enter: (f) => !f.identified,
    complete: (f) => f.identified,
  },
  needs_grant: {
    purpose:
      'A card without a chip cannot prove itself to a phone: the resident needs an officer (office visit or video check) again, or an IC card.',
    applies: (f) => f.cardKind === 'legacy',
    enter: (f) => f.identified && f.cardKind === 'legacy',
    complete: () => false,
  },
  sms: {
    purpose: 'A one-time code sent to the phone number on record shows the phone is in the resident’s hands.',
    applies: (f) => !selfService(f) || f.cardKind !== 'legacy',
    enter: (f) => f.identified && !f.smsVerified,
    complete: (f) => f.smsVerified,
  },
  chip: {
    purpose: "The card's chip signs a server challenge: the resident holds the physical card.",
    applies: (f) => chipCard(f),
    enter: (f) => f.identified && chipCard(f) && f.smsVerified && !f.chipVerified,
    complete: (f) => f.chipVerified,
  },
  passkey: {
    purpose: 'A passkey (the person) and a device key (this phone) are made and the card is issued to this phone.',
    applies: (f) => !selfService(f) || f.cardKind !== 'legacy',
    enter: (f) => f.identified && f.smsVerified && (!selfService(f) || f.chipVerified) && !f.issued,
    complete: (f) => f.issued,
  },
  done: {
    purpose: 'The card is on this phone.',
    enter: (f) => f.issued,
    complete: () => false,
  },
};

/** The order of the steps on each path. */
export const PATH_STEPS: Record<EnrollmentPath, readonly StepName[]> = {
  chip: ['identify', 'needs_grant', 'sms', 'chip', 'passkey', 'done'],
  reissue: ['identify', 'needs_grant', 'sms', 'chip', 'passkey', 'done'],
  office: ['grant', 'sms', 'passkey', 'done'],
  video: ['grant', 'sms', 'passkey', 'done'],
};

/** Where each step lives, under /<locale>. */
export function stepUrl(path: EnrollmentPath, step: StepName | 'expired'): string {
  switch (step) {
    case 'identify':
      return path === 'reissue' ? '/enroll/reissue' : '/enroll/chip';
    case 'grant':
      return path === 'video' ? '/enroll/video' : '/enroll/office';
    case 'needs_grant':
      return '/enroll/needs-grant';
    case 'sms':
      return '/enroll/sms';
    case 'chip':
      return '/enroll/tap-card';
    case 'passkey':
      return '/enroll/passkey';
    case 'done':
      return '/enroll/done';
    case 'expired':
      return '/enroll/expired';
  }
}

function applies(step: StepName, f: EnrollmentFacts): boolean {
  return STEPS[step].applies?.(f) ?? true;
}

/** The step the resident is on: the first step of the path that applies and is not behind them. */
export function currentStep(f: EnrollmentFacts): StepName | 'expired' {
  if (f.expired && !f.issued) return 'expired';
  for (const step of PATH_STEPS[f.path]) {
    if (applies(step, f) && !STEPS[step].complete(f)) return step;
  }
  return 'done';
}

/** May the resident enter this step now? */
export function canEnter(step: StepName, f: EnrollmentFacts): boolean {
  if (f.expired && !f.issued) return false;
  return PATH_STEPS[f.path].includes(step) && applies(step, f) && STEPS[step].enter(f);
}

/** The step to show for a requested one: the request when it may be entered, else the step the resident is on. */
export function resolveStep(requested: StepName, f: EnrollmentFacts): { step: StepName | 'expired'; redirected: boolean } {
  if (canEnter(requested, f)) return { step: requested, redirected: false };
  return { step: currentStep(f), redirected: true };
}
