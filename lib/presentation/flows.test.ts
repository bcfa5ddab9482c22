// The presentation flows end to end on the real issuance (lib/passkeys):
// unlock with passkey + device key, the card and its tokens, the old card
// after a reissue, and "verifier asks" from request to answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { addResident, errorCode, TestPhone, TEST_ORIGIN } from '@/lib/enrollment/testing';
import { beginRegistration, issueCredential, verifyRegistration, type Credential } from '@/lib/passkeys';
import { setStatus } from '@/lib/status';
import { readSession } from '@/lib/security';
import {
  approvePresentationRequest,
  beginCardUnlock,
  closeCard,
  completeCardUnlock,
  createPresentationRequest,
  declinePresentationRequest,
  issueCardToken,
  pollPresentationRequest,
  REQUEST_TTL_MS,
  showCard,
  verifyPresentation,
  viewPresentationRequest,
} from '.';
import { decodePart, presentationFixture, type PresentationFixture } from './testing/fixtures';

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

/** A resident whose card is issued on `phone` through lib/passkeys, as the enrollment does. */
async function issueOn(phone: TestPhone, residentId?: number): Promise<{ residentId: number; credential: Credential; revoked: Credential[] }> {
  const rid = residentId ?? (await addResident(deps.db, deps.keys, { birthDate: '1994-07-01' })).id;
  seq += 1;
  const who = { subject: `enrollment:presentation-${seq}`, residentId: rid, userId: new Uint8Array(32).fill(rid % 251), userName: 'T', userDisplayName: 'T' };
  const options = await beginRegistration(deps.db, deps.clock, deps.config, who);
  const passkey = await verifyRegistration(deps.db, deps.clock, deps.config, who.subject, await phone.register(options));
  const issued = await deps.db.transaction((tx) =>
    issueCredential(tx, deps.clock, { residentId: rid, enrollmentId: crypto.randomUUID(), passkey, path: 'chip' }),
  );
  return { residentId: rid, credential: issued.credential, revoked: issued.revoked };
}

const sessionOf = (cardKey: string) => cardKey.slice(0, cardKey.indexOf('.'));

async function unlock(phone: TestPhone, credential: Credential): Promise<string> {
  const options = await beginCardUnlock(deps, credential.credentialId);
  const { cardKey } = await completeCardUnlock(deps, await phone.unlock(options));
  return cardKey;
}

describe('my card', () => {
  it('issuance gives the card a place in the status list', async () => {
    const { credential } = await issueOn(new TestPhone());
    expect(typeof credential.statusIndex).toBe('number');
  });

  it('opens only with passkey + device key, shows the card, and signs tokens that verify', async () => {
    const phone = new TestPhone();
    const { credential } = await issueOn(phone);
    expect(await errorCode(showCard(deps, undefined))).toBe('presentation.unlock_required');
    expect(await errorCode(showCard(deps, 'garbage'))).toBe('presentation.unlock_required');

    // The device key of another phone does not open it.
    const options = await beginCardUnlock(deps, credential.credentialId);
    const answer = await phone.unlock(options);
    const stranger = new TestPhone();
    const wrongDevice = { ...answer, deviceSignature: await stranger.signWithDeviceKey(options.challenge) };
    expect(await errorCode(completeCardUnlock(deps, wrongDevice))).toBe('passkeys.device_signature_invalid');

    const cardKey = await unlock(phone, credential);
    const view = await showCard(deps, cardKey);
    expect(view.holder).toMatchObject({ name: 'TEST RESIDENT', nationality: 'VN', residenceStatus: 'E-9', validUntil: '2030-01-31' });
    expect(view.cardValid).toBe(true);

    for (const profile of ['full', 'identity', 'age19'] as const) {
      const { token } = await issueCardToken(deps, { cardKey, profile, locale: 'en' });
      const result = await verifyPresentation(deps, token);
      expect(result.valid, profile).toBe(true);
      if (result.valid) expect(result.claims.profile).toBe(profile);
    }

    await closeCard(deps, cardKey);
    expect(await errorCode(issueCardToken(deps, { cardKey, profile: 'age19', locale: 'en' }))).toBe('presentation.unlock_required');
  });

  it('every unlock opens a new session and ends the one the phone held before', async () => {
    const phone = new TestPhone();
    const { credential } = await issueOn(phone);
    const first = await unlock(phone, credential);
    const options = await beginCardUnlock(deps, credential.credentialId);
    const { cardKey: second } = await completeCardUnlock(deps, await phone.unlock(options), first);
    expect(sessionOf(second)).not.toBe(sessionOf(first));
    expect(await readSession(deps.db, deps.clock, sessionOf(first), 'resident')).toBeNull();
    expect(await errorCode(issueCardToken(deps, { cardKey: first, profile: 'age19', locale: 'en' }))).toBe('presentation.unlock_required');
    expect(await readSession(deps.db, deps.clock, sessionOf(second), 'resident')).not.toBeNull();
    await issueCardToken(deps, { cardKey: second, profile: 'age19', locale: 'en' });
  });

  it('a locked card: its live token fails at once, and it no longer opens', async () => {
    const phone = new TestPhone();
    const { credential } = await issueOn(phone);
    const cardKey = await unlock(phone, credential);
    const { token } = await issueCardToken(deps, { cardKey, profile: 'identity', locale: 'en' });
    await deps.db.transaction((tx) => setStatus(tx, credential.statusIndex!, 'suspended', { reason: 'lost' }));
    expect(await verifyPresentation(deps, token)).toEqual({ valid: false, reason: 'locked' });
  });

  it('the old phone after a reissue: its token says "replaced", the new phone’s verifies', async () => {
    const oldPhone = new TestPhone();
    const first = await issueOn(oldPhone);
    const oldKey = await unlock(oldPhone, first.credential);
    const { token: oldToken } = await issueCardToken(deps, { cardKey: oldKey, profile: 'full', locale: 'en' });
    expect((await verifyPresentation(deps, oldToken)).valid).toBe(true);

    const newPhone = new TestPhone();
    const second = await issueOn(newPhone, first.residentId);
    expect(second.revoked.map((c) => c.id)).toEqual([first.credential.id]);
    expect(await verifyPresentation(deps, oldToken)).toEqual({ valid: false, reason: 'replaced' });
    // The old phone's open card closed with the reissue: its session ended.
    expect(await readSession(deps.db, deps.clock, sessionOf(oldKey), 'resident')).toBeNull();
    expect(await errorCode(issueCardToken(deps, { cardKey: oldKey, profile: 'full', locale: 'en' }))).not.toBe('ok');

    const newKey = await unlock(newPhone, second.credential);
    const { token } = await issueCardToken(deps, { cardKey: newKey, profile: 'full', locale: 'en' });
    expect((await verifyPresentation(deps, token)).valid).toBe(true);
  });
});

describe('verifier asks', () => {
  it('19+ only, approved with passkey + device key: the verifier reads exactly that, once, with its secret', async () => {
    const phone = new TestPhone();
    const { credential } = await issueOn(phone);
    const request = await createPresentationRequest(deps.db, deps.clock, { profile: 'age19', verifierName: '  GS25\u200b Jongno \n store ', locale: 'ko' });
    const view = await viewPresentationRequest(deps.db, deps.clock, request.id);
    expect(view).toMatchObject({ profile: 'age19', verifierName: 'GS25 Jongno store', state: 'pending' });

    expect(await pollPresentationRequest(deps, { id: request.id, pollSecret: request.pollSecret })).toMatchObject({ state: 'pending' });
    expect(await errorCode(pollPresentationRequest(deps, { id: request.id, pollSecret: 'guess' }))).toBe('presentation.request_not_found');

    const options = await beginCardUnlock(deps, credential.credentialId);
    const approved = await approvePresentationRequest(deps, { id: request.id, answer: await phone.unlock(options), locale: 'vi' });
    expect(approved.state).toBe('approved');

    const answer = await pollPresentationRequest(deps, { id: request.id, pollSecret: request.pollSecret });
    expect(answer.state).toBe('approved');
    expect(Object.keys(decodePart(answer.token!, 1)).sort()).toEqual(['a19', 'exp', 'iat', 'rq', 'status']);
    expect(answer.result).toEqual({
      valid: true,
      claims: { profile: 'age19', age19OrOver: true, issuedAt: expect.any(String), expiresAt: expect.any(String), requestId: request.id },
    });
    // Handed out once: the personal data does not stay in the database.
    const again = await pollPresentationRequest(deps, { id: request.id, pollSecret: request.pollSecret });
    expect(again.state).toBe('approved');
    expect(again.token).toBeUndefined();

    const options2 = await beginCardUnlock(deps, credential.credentialId);
    expect(await errorCode(approvePresentationRequest(deps, { id: request.id, answer: await phone.unlock(options2), locale: 'vi' }))).toBe(
      'presentation.request_answered',
    );
  });

  it('declined: nothing is sent, and it cannot be approved afterwards', async () => {
    const phone = new TestPhone();
    const { credential } = await issueOn(phone);
    const request = await createPresentationRequest(deps.db, deps.clock, { profile: 'full', verifierName: 'Hana Bank', locale: 'en' });
    expect((await declinePresentationRequest(deps.db, deps.clock, { id: request.id, locale: 'en' })).state).toBe('declined');
    const answer = await pollPresentationRequest(deps, { id: request.id, pollSecret: request.pollSecret });
    expect(answer).toMatchObject({ state: 'declined' });
    expect(answer.token).toBeUndefined();
    const options = await beginCardUnlock(deps, credential.credentialId);
    expect(await errorCode(approvePresentationRequest(deps, { id: request.id, answer: await phone.unlock(options), locale: 'en' }))).toBe(
      'presentation.request_answered',
    );
  });

  it('a request older than five minutes: expired for both sides', async () => {
    const phone = new TestPhone();
    const { credential } = await issueOn(phone);
    const request = await createPresentationRequest(deps.db, deps.clock, { profile: 'identity', verifierName: 'Clinic', locale: 'en' });
    deps.clock.advance(REQUEST_TTL_MS + 1000);
    try {
      expect((await viewPresentationRequest(deps.db, deps.clock, request.id))?.state).toBe('expired');
      const options = await beginCardUnlock(deps, credential.credentialId);
      expect(await errorCode(approvePresentationRequest(deps, { id: request.id, answer: await phone.unlock(options), locale: 'en' }))).toBe(
        'presentation.request_expired',
      );
      expect(await errorCode(declinePresentationRequest(deps.db, deps.clock, { id: request.id, locale: 'en' }))).toBe('presentation.request_expired');
    } finally {
      deps.clock.advance(-(REQUEST_TTL_MS + 1000));
    }
  });

  it('unknown request ids are not found', async () => {
    expect(await viewPresentationRequest(deps.db, deps.clock, 'x'.repeat(22))).toBeNull();
    expect(await viewPresentationRequest(deps.db, deps.clock, "'; drop table x; --")).toBeNull();
  });
});
