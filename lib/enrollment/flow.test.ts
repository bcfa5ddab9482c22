import { describe, expect, it } from 'vitest';
import { canEnter, currentStep, PATH_STEPS, resolveStep, STEPS, stepUrl, type EnrollmentFacts } from './flow';

const fresh = (path: EnrollmentFacts['path']): EnrollmentFacts => ({
  path,
  identified: false,
  cardKind: null,
  smsVerified: false,
  chipVerified: false,
  issued: false,
  expired: false,
});

describe('the enrollment step graph', () => {
  it('walks the chip path identify → sms → chip → passkey → done', () => {
    let f = fresh('chip');
    expect(currentStep(f)).toBe('identify');
    f = { ...f, identified: true, cardKind: 'chip' };
    expect(currentStep(f)).toBe('sms');
    f = { ...f, smsVerified: true };
    expect(currentStep(f)).toBe('chip');
    f = { ...f, chipVerified: true };
    expect(currentStep(f)).toBe('passkey');
    f = { ...f, issued: true };
    expect(currentStep(f)).toBe('done');
  });

  it('walks the office and video paths grant → sms → passkey → done, with no chip step', () => {
    for (const path of ['office', 'video'] as const) {
      let f = fresh(path);
      expect(currentStep(f)).toBe('grant');
      f = { ...f, identified: true, cardKind: 'legacy' };
      expect(currentStep(f)).toBe('sms');
      f = { ...f, smsVerified: true };
      expect(currentStep(f)).toBe('passkey');
      expect(canEnter('chip', f)).toBe(false);
    }
  });

  it('sends a legacy card on the self-service paths to "needs an officer", never to the SMS', () => {
    for (const path of ['chip', 'reissue'] as const) {
      const f = { ...fresh(path), identified: true, cardKind: 'legacy' as const };
      expect(currentStep(f)).toBe('needs_grant');
      expect(canEnter('sms', f)).toBe(false);
      expect(canEnter('passkey', f)).toBe(false);
    }
  });

  it('lands a typed later-step URL on the step the resident is on', () => {
    const f = { ...fresh('chip'), identified: true, cardKind: 'chip' as const };
    expect(resolveStep('passkey', f)).toEqual({ step: 'sms', redirected: true });
    expect(resolveStep('done', f)).toEqual({ step: 'sms', redirected: true });
    expect(resolveStep('sms', f)).toEqual({ step: 'sms', redirected: false });
    expect(resolveStep('chip', { ...f, smsVerified: true })).toEqual({ step: 'chip', redirected: false });
    // Going back to a step already done is not re-entering it either.
    expect(resolveStep('identify', { ...f, smsVerified: true })).toEqual({ step: 'chip', redirected: true });
  });

  it('shows an expired enrollment as expired, but a finished one stays done', () => {
    expect(currentStep({ ...fresh('office'), identified: true, expired: true })).toBe('expired');
    expect(resolveStep('sms', { ...fresh('office'), identified: true, expired: true }).step).toBe('expired');
    expect(currentStep({ ...fresh('chip'), identified: true, cardKind: 'chip', smsVerified: true, chipVerified: true, issued: true, expired: true })).toBe('done');
  });

  it('declares every step of every path, with a page for each', () => {
    for (const [path, steps] of Object.entries(PATH_STEPS)) {
      for (const step of steps) {
        expect(STEPS[step].purpose.length).toBeGreaterThan(10);
        expect(stepUrl(path as EnrollmentFacts['path'], step)).toMatch(/^\/enroll(\/[a-z-]+)?$/);
      }
    }
  });
});
