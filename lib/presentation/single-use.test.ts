// What must happen once and only once, even when a request is refused or
// races another:
// - an unlock challenge is used up by a refused unlock or approval (bad
//   device signature), and the refusal stays in the audit log: the refusal
//   is committed on its own, not rolled back with the caller's transaction;
// - the verifier's answer to an approved request is handed out to exactly
//   one poll, however many ask at once.
//
// Runs on PGlite, and on PostgreSQL when DATABASE_URL is set (db/testing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { auditEvents, presentationRequests } from '@/db/schema';
import { addResident, errorCode, TestPhone, TEST_ORIGIN } from '@/lib/enrollment/testing';
import { beginRegistration, completeUnlock, issueCredential, verifyRegistration, type Credential } from '@/lib/passkeys';
import {
  approvePresentationRequest,
  beginCardUnlock,
  completeCardUnlock,
  createPresentationRequest,
  pollPresentationRequest,
  showCard,
  verifyPresentation,
} from '.';
import { presentationFixture, type PresentationFixture } from './testing/fixtures';

let database: TestDatabase;
let deps: PresentationFixture;
let seq = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  deps = await presentationFixture(database, { origin: TEST_ORIGIN, start: '2026-11-23T03:00:00Z' });
});

afterAll(async () => {
  deps?.statusView.dispose();
  await database?.close();
});

/** A resident's card issued on `phone` through lib/passkeys, as the enrollment does. */
async function issueOn(phone: TestPhone): Promise<Credential> {
  const rid = (await addResident(deps.db, deps.keys, { birthDate: '1994-07-01' })).id;
  seq += 1;
  const who = { subject: `enrollment:single-use-${seq}`, residentId: rid, userId: new Uint8Array(32).fill(rid % 251), userName: 'T', userDisplayName: 'T' };
  const options = await beginRegistration(deps.db, deps.clock, deps.config, who);
  const passkey = await verifyRegistration(deps.db, deps.clock, deps.config, who.subject, await phone.register(options));
  const issued = await deps.db.transaction((tx) => issueCredential(tx, deps.clock, { residentId: rid, enrollmentId: crypto.randomUUID(), passkey, path: 'chip' }));
  return issued.credential;
}

/** The answer to `options` with another phone's device signature: the passkey alone (e.g. synced to another device). */
async function withStrangersDeviceKey(phone: TestPhone, options: Awaited<ReturnType<typeof beginCardUnlock>>) {
  const answer = await phone.unlock(options);
  return { ...answer, deviceSignature: await new TestPhone().signWithDeviceKey(options.challenge) };
}

async function unlockRefusals(credential: Credential) {
  return deps.db
    .select({ detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'credential.unlock_refused'), eq(auditEvents.subjectKind, 'credential'), eq(auditEvents.subjectId, credential.id)));
}

describe('a refused unlock uses up its challenge, and is audited', () => {
  it('my card: after a bad device signature, the right answer to the same challenge is refused (challenge_used)', async () => {
    const phone = new TestPhone();
    const credential = await issueOn(phone);
    const options = await beginCardUnlock(deps, credential.credentialId);
    expect(await errorCode(completeCardUnlock(deps, await withStrangersDeviceKey(phone, options)))).toBe('passkeys.device_signature_invalid');
    // Four more tries on the same challenge, the last one right: none opens the card.
    for (let i = 0; i < 3; i++) {
      expect(await errorCode(completeCardUnlock(deps, await withStrangersDeviceKey(phone, options)))).toBe('passkeys.challenge_used');
    }
    expect(await errorCode(completeCardUnlock(deps, await phone.unlock(options)))).toBe('passkeys.challenge_used');
    // A fresh challenge opens it.
    const fresh = await beginCardUnlock(deps, credential.credentialId);
    const { cardKey } = await completeCardUnlock(deps, await phone.unlock(fresh));
    expect((await showCard(deps, cardKey)).cardValid).toBe(true);
  });

  it('my card: the refusal is in the audit log', async () => {
    const phone = new TestPhone();
    const credential = await issueOn(phone);
    const options = await beginCardUnlock(deps, credential.credentialId);
    expect(await errorCode(completeCardUnlock(deps, await withStrangersDeviceKey(phone, options)))).toBe('passkeys.device_signature_invalid');
    expect(await unlockRefusals(credential)).toEqual([{ detail: expect.objectContaining({ reason: 'passkeys.device_signature_invalid' }) }]);
  });

  it('verifier asks: after a bad device signature, the right answer to the same challenge is refused, and the request stays pending', async () => {
    const phone = new TestPhone();
    const credential = await issueOn(phone);
    const request = await createPresentationRequest(deps.db, deps.clock, { profile: 'age19', verifierName: 'GS25', locale: 'en' });
    const options = await beginCardUnlock(deps, credential.credentialId);
    const bad = await withStrangersDeviceKey(phone, options);
    expect(await errorCode(approvePresentationRequest(deps, { id: request.id, answer: bad, locale: 'en' }))).toBe('passkeys.device_signature_invalid');
    expect(await errorCode(approvePresentationRequest(deps, { id: request.id, answer: await phone.unlock(options), locale: 'en' }))).toBe(
      'passkeys.challenge_used',
    );
    const [row] = await deps.db.select().from(presentationRequests).where(eq(presentationRequests.id, request.id));
    expect(row).toMatchObject({ state: 'pending', resultTokenEnc: null });
    // A fresh challenge approves it.
    const fresh = await beginCardUnlock(deps, credential.credentialId);
    expect((await approvePresentationRequest(deps, { id: request.id, answer: await phone.unlock(fresh), locale: 'en' })).state).toBe('approved');
  });

  it('verifier asks: the refusal is in the audit log, naming the request', async () => {
    const phone = new TestPhone();
    const credential = await issueOn(phone);
    const request = await createPresentationRequest(deps.db, deps.clock, { profile: 'full', verifierName: 'Hana Bank', locale: 'en' });
    const options = await beginCardUnlock(deps, credential.credentialId);
    const bad = await withStrangersDeviceKey(phone, options);
    expect(await errorCode(approvePresentationRequest(deps, { id: request.id, answer: bad, locale: 'en' }))).toBe('passkeys.device_signature_invalid');
    expect(await unlockRefusals(credential)).toEqual([
      { detail: expect.objectContaining({ reason: 'passkeys.device_signature_invalid', request: request.id }) },
    ]);
  });
});

describe('an unlock happens once per challenge', () => {
  it('the same right answer sent 5 times at once opens the card once; the others are told the challenge is used', async () => {
    const phone = new TestPhone();
    const credential = await issueOn(phone);
    const options = await beginCardUnlock(deps, credential.credentialId);
    const answer = await phone.unlock(options);
    await Promise.all(Array.from({ length: 6 }, () => deps.db.execute(sql`select pg_sleep(0.02)`)));
    const codes = await Promise.all(Array.from({ length: 5 }, () => errorCode(completeCardUnlock(deps, answer))));
    expect(codes.sort()).toEqual(['ok', 'passkeys.challenge_used', 'passkeys.challenge_used', 'passkeys.challenge_used', 'passkeys.challenge_used']);
  });

  it('completeUnlock refuses to run inside a caller’s transaction (a rollback there would undo the used challenge)', async () => {
    const phone = new TestPhone();
    const credential = await issueOn(phone);
    const options = await beginCardUnlock(deps, credential.credentialId);
    const answer = await phone.unlock(options);
    await expect(deps.db.transaction((tx) => completeUnlock(tx, deps.clock, deps.config, answer))).rejects.toThrow(/database handle/);
    // Nothing was used up: the answer still opens the card.
    expect(await errorCode(completeCardUnlock(deps, answer))).toBe('ok');
  });
});

describe('the verifier’s answer is handed out once', () => {
  it('20 concurrent polls after an approval: exactly one gets the token', async () => {
    const phone = new TestPhone();
    const credential = await issueOn(phone);
    const request = await createPresentationRequest(deps.db, deps.clock, { profile: 'age19', verifierName: 'GS25', locale: 'en' });
    const options = await beginCardUnlock(deps, credential.credentialId);
    await approvePresentationRequest(deps, { id: request.id, answer: await phone.unlock(options), locale: 'en' });

    // On PostgreSQL: open the pool's connections first, so that the 20 polls really run side by side.
    await Promise.all(Array.from({ length: 20 }, () => deps.db.execute(sql`select pg_sleep(0.05)`)));
    const answers = await Promise.all(Array.from({ length: 20 }, () => pollPresentationRequest(deps, { id: request.id, pollSecret: request.pollSecret })));
    expect(answers.every((a) => a.state === 'approved')).toBe(true);
    const withToken = answers.filter((a) => a.token !== undefined);
    expect(withToken).toHaveLength(1);
    expect(withToken[0]!.result).toMatchObject({ valid: true });
    expect((await verifyPresentation(deps, withToken[0]!.token!)).valid).toBe(true);
    const [row] = await deps.db.select().from(presentationRequests).where(eq(presentationRequests.id, request.id));
    expect(row!.resultTokenEnc).toBeNull();
  });
});
