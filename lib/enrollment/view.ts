// What the pages need to show an enrollment, and which step a requested
// page may show (flow.ts decides; pages redirect).
import { and, desc, eq } from 'drizzle-orm';
import { credentials, smsCodes } from '@/db/schema';
import { getResidentPersonalData } from '@/lib/registry';
import { maskPhone } from '@/lib/sms';
import type { EnrollmentDeps } from './deps';
import { currentStep, resolveStep, stepUrl, type EnrollmentFacts, type EnrollmentPath, type StepName } from './flow';
import { lockedMinutes } from './sms-code';
import { factsOf, loadEnrollment } from './state';

export type EnrollmentView = {
  id: string;
  path: EnrollmentPath;
  step: StepName | 'expired';
  facts: EnrollmentFacts;
  expiresAt: Date;
  startedAt: Date;
  /** The phone number on record, masked (010-****-5678), once the resident is known. */
  maskedPhone: string | null;
  /** Minutes left to wait after 5 wrong SMS codes on this enrollment (or too many from this client), or 0. */
  smsLockedMinutes: number;
  /** When the last SMS code was sent. */
  lastSmsAt: Date | null;
  /** The resident has a card on a phone now: issuing here moves it. */
  hasActiveCard: boolean;
  /** This enrollment's card replaced one on another phone (now revoked). */
  replacedCard: boolean;
};

export async function getEnrollmentView(
  deps: Pick<EnrollmentDeps, 'db' | 'clock' | 'keys'> & { client?: string },
  token: string | null | undefined,
): Promise<EnrollmentView | null> {
  const e = await loadEnrollment(deps.db, token);
  if (!e) return null;
  const facts = factsOf(e, deps.clock);
  const now = deps.clock.now();
  let maskedPhone: string | null = null;
  let smsLockedMinutes = 0;
  let lastSmsAt: Date | null = null;
  let hasActiveCard = false;
  if (e.residentId !== null) {
    const personal = await getResidentPersonalData(deps.db, deps.keys, e.residentId);
    maskedPhone = personal ? maskPhone(personal.phone) : null;
    smsLockedMinutes = await lockedMinutes(deps.db, deps.clock, deps.keys, e.id, deps.client);
    const [last] = await deps.db
      .select({ createdAt: smsCodes.createdAt })
      .from(smsCodes)
      .where(eq(smsCodes.enrollmentId, e.id))
      .orderBy(desc(smsCodes.createdAt))
      .limit(1);
    lastSmsAt = last?.createdAt ?? null;
    const [active] = await deps.db
      .select({ id: credentials.id })
      .from(credentials)
      .where(and(eq(credentials.residentId, e.residentId), eq(credentials.status, 'active')));
    hasActiveCard = !!active && active.id !== e.credentialId;
  }
  let replacedCard = false;
  if (e.credentialId) {
    const [old] = await deps.db.select({ id: credentials.id }).from(credentials).where(eq(credentials.replacedBy, e.credentialId)).limit(1);
    replacedCard = !!old;
  }
  return {
    replacedCard,
    id: e.id,
    path: e.path,
    step: currentStep(facts),
    facts,
    expiresAt: e.expiresAt,
    startedAt: e.startedAt,
    maskedPhone,
    smsLockedMinutes,
    lastSmsAt,
    hasActiveCard,
  };
}

export type PageDecision =
  | { kind: 'show'; view: EnrollmentView | null }
  | { kind: 'redirect'; to: string };

/**
 * A page asks to show `requested`. The first step of a path (identify,
 * grant) shows its form when there is no enrollment of that path in
 * progress; any other step needs the enrollment to be there, else the
 * resident is sent to the step they are really on (or to the start).
 */
export async function decideStepPage(
  deps: Pick<EnrollmentDeps, 'db' | 'clock' | 'keys'> & { client?: string },
  token: string | null | undefined,
  requested: StepName,
  entryPath?: EnrollmentPath,
): Promise<PageDecision> {
  const view = await getEnrollmentView(deps, token);
  const isEntry = requested === 'identify' || requested === 'grant';
  if (!view) return isEntry ? { kind: 'show', view: null } : { kind: 'redirect', to: '/enroll' };
  if (isEntry) {
    // Another path, a finished or an expired enrollment: this form starts a new one.
    const samePath = view.path === entryPath || (requested === 'grant' && (view.path === 'office' || view.path === 'video') && !view.facts.identified);
    if (!samePath || view.facts.issued || view.step === 'expired') return { kind: 'show', view: null };
  }
  const { step, redirected } = resolveStep(requested, view.facts);
  if (!redirected) return { kind: 'show', view };
  return { kind: 'redirect', to: stepUrl(view.path, step) };
}
