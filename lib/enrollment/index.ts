// Enrollment: getting the mobile card onto a phone, by the chip path, an
// officer's grant (office or video) or reissue, step by step along the
// declared step graph (flow.ts).
export * from './flow';
export { enrollmentErrors } from './errors';
export { ENROLLMENT_COOKIE } from './session';
export type { EnrollmentDeps, SmsText, Visit } from './deps';
export { ENROLLMENT_TTL_MS, openEnrollment } from './start';
export { identifyResident, IDENTIFY_MAX_FAILURES, type IdentifyInput, type StepResult } from './identify';
export { claimEnrollmentGrant } from './grant';
export { verifyEnrollmentSms, resendEnrollmentSms } from './sms';
export { SMS_CODE_TTL_MS, SMS_LOCK_MS, SMS_MAX_FAILURES, SMS_RESEND_AFTER_MS } from './sms-code';
export { beginChipProof, completeChipProof, simulateCardTap } from './chip';
export { beginPasskeyStep, completePasskeyStep, webauthnUserId, type IssuedResult } from './passkey';
export { getEnrollmentView, decideStepPage, type EnrollmentView, type PageDecision } from './view';
export { ENROLLMENT_LIMITS } from './limits';
