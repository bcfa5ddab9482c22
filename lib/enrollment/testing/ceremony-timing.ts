// Measures the server time of each enrollment step (the use case, database
// included, HTTP excluded): `runs` chip-path ceremonies end to end, each
// step timed, then unlock. Run by bench/ceremony-steps.ts.
import type { Db } from '@/db/client';
import { fixedClock } from '@/lib/clock';
import { CardSimulator } from '@/lib/chip';
import { beginUnlock, completeUnlock } from '@/lib/passkeys';
import type { DataKeys } from '@/lib/security';
import {
  beginChipProof,
  beginPasskeyStep,
  completeChipProof,
  completePasskeyStep,
  identifyResident,
  openEnrollment,
  verifyEnrollmentSms,
} from '..';
import { addResident, lastSmsCode, smsText, testDeps, TestPhone, TEST_CHIP_SECRET } from './fixtures';

export type StepStats = { step: string; runs: number; p50: number; p95: number; max: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measureCeremonySteps(db: Db, keys: DataKeys, runs = 50): Promise<StepStats[]> {
  const deps = testDeps(db, fixedClock('2026-11-23T03:00:00Z'), keys);
  const simulator = new CardSimulator(TEST_CHIP_SECRET);
  const times: Record<string, number[]> = {};
  async function timed<T>(step: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const result = await fn();
    (times[step] ??= []).push(performance.now() - t0);
    return result;
  }
  for (let i = 0; i < runs; i++) {
    const r = await addResident(db, keys);
    const phone = new TestPhone();
    const { token } = await timed('start', () => openEnrollment(deps, undefined, 'chip', { locale: 'en' }));
    await timed('identify+sms', () => identifyResident(deps, token, { registrationNumber: r.registrationNumber, cardSerial: r.serial, birthDate: r.birthDate }, smsText));
    const code = await lastSmsCode(db);
    await timed('sms_verify', () => verifyEnrollmentSms(deps, token, code));
    const { challenge } = await timed('chip_challenge', () => beginChipProof(deps, token));
    const signature = Buffer.from(await simulator.signChallenge(r.serial, Buffer.from(challenge, 'base64url'))).toString('base64url');
    await timed('chip_verify', () => completeChipProof(deps, token, { challenge, signature }));
    const options = await timed('passkey_options', () => beginPasskeyStep(deps, token));
    const answer = await phone.register(options);
    const issued = await timed('passkey_verify+issue', () => completePasskeyStep(deps, token, answer));
    const unlockOptions = await timed('unlock_options', () => beginUnlock(db, deps.clock, deps.config, { credentialId: issued.credentialId }));
    const unlockAnswer = await phone.unlock(unlockOptions);
    await timed('unlock_verify', () => completeUnlock(db, deps.clock, deps.config, unlockAnswer));
  }
  return Object.entries(times).map(([step, values]) => {
    const sorted = [...values].sort((x, y) => x - y);
    const round = (n: number) => Math.round(n * 10) / 10;
    return { step, runs: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1)!) };
  });
}
