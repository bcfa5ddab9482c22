// Resident passkeys + device keys: registration and unlock, and every way
// issue 4 point 9 says they must be refused, each with its specific error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { credentials, webauthnChallenges } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { readStatus } from '@/lib/status';
import { addResident, errorCode, TestPhone, TEST_ORIGIN, TEST_RP_ID } from '@/lib/enrollment/testing';
import {
  beginRegistration,
  beginUnlock,
  completeUnlock,
  getCardStatus,
  issueCredential,
  verifyRegistration,
  type PasskeyConfig,
} from '.';

let database: TestDatabase;
const clock = fixedClock('2026-11-23T03:00:00Z');
const config: PasskeyConfig = { rpId: TEST_RP_ID, origins: [TEST_ORIGIN], refuseBackupEligible: false };
let subjectSeq = 0;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

function who(residentId: number) {
  subjectSeq += 1;
  return {
    subject: `enrollment:test-${subjectSeq}`,
    residentId,
    userId: new Uint8Array(32).fill(residentId % 251),
    userName: 'TEST RESIDENT',
    userDisplayName: 'TEST RESIDENT',
  };
}

/** Registers a passkey for a new resident and issues the card: the phone and the credential. */
async function enrolled(phone = new TestPhone(), residentId?: number) {
  const rid = residentId ?? (await addResident(database.db, database.keys)).id;
  const w = who(rid);
  const options = await beginRegistration(database.db, clock, config, w);
  const passkey = await verifyRegistration(database.db, clock, config, w.subject, await phone.register(options));
  const issued = await database.db.transaction((tx) =>
    issueCredential(tx, clock, { residentId: rid, enrollmentId: crypto.randomUUID(), passkey, path: 'chip' }),
  );
  return { phone, residentId: rid, credential: issued.credential, issued };
}

describe('registration', () => {
  it('asks for a discoverable passkey with user verification, no attestation, and excludes the active card on reissue', async () => {
    const { residentId, credential } = await enrolled();
    const options = await beginRegistration(database.db, clock, config, who(residentId));
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(options.attestation).toBe('none');
    expect(options.rp.id).toBe(TEST_RP_ID);
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([credential.credentialId]);
    const [row] = await database.db.select().from(webauthnChallenges).where(eq(webauthnChallenges.challenge, options.challenge));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(5 * 60_000);
  });

  it('records the passkey, its counter and BE/BS flags, and the device public key', async () => {
    const { credential } = await enrolled(new TestPhone({ be: true, bs: true }));
    expect(credential.status).toBe('active');
    expect(credential.backupEligible).toBe(true);
    expect(credential.backedUp).toBe(true);
    expect(credential.devicePublicKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(credential.transports).toContain('internal');
  });

  it('refuses a backup-eligible passkey when the setting is on, and takes a device-bound one', async () => {
    const r = await addResident(database.db, database.keys);
    const strict = { ...config, refuseBackupEligible: true };
    const w1 = who(r.id);
    const synced = new TestPhone({ be: true, bs: true });
    const o1 = await beginRegistration(database.db, clock, strict, w1);
    expect(await errorCode(verifyRegistration(database.db, clock, strict, w1.subject, await synced.register(o1)))).toBe(
      'passkeys.backup_eligible_refused',
    );
    const w2 = who(r.id);
    const o2 = await beginRegistration(database.db, clock, strict, w2);
    expect(await errorCode(verifyRegistration(database.db, clock, strict, w2.subject, await new TestPhone().register(o2)))).toBe('ok');
  });

  const refusals: Array<[string, (phone: TestPhone, options: Awaited<ReturnType<typeof beginRegistration>>) => Promise<unknown>, string]> = [
    ['a challenge the server never issued', (p, o) => p.register(o, { challenge: 'bm90LWEtcmVhbC1jaGFsbGVuZ2UtYXQtYWxsLW5vLW5vLW5v' }), 'passkeys.challenge_unknown'],
    ['the wrong origin', (p, o) => p.register(o, { origin: 'https://evil.example' }), 'passkeys.wrong_origin'],
    ['the wrong RP ID', (p, o) => p.register(o, { rpId: 'evil.example' }), 'passkeys.wrong_rp_id'],
    ['no user verification (UV=0)', (p, o) => p.register(o, { uv: false }), 'passkeys.user_not_verified'],
    ['a webauthn.get response', (p, o) => p.register(o, { type: 'webauthn.get' }), 'passkeys.not_a_registration'],
    ['a device signature over another challenge', (p, o) => p.register(o, {}, 'c29tZS1vdGhlci1jaGFsbGVuZ2UtdGhhdC1pcy1ub3QtdGhpcw'), 'passkeys.device_signature_invalid'],
    [
      'a device key that is not a P-256 public key',
      async (p, o) => ({ ...(await p.register(o)), devicePublicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) } }),
      'passkeys.device_key_invalid',
    ],
    ['something that is not a credential at all', async () => ({ response: { hello: 'world' }, devicePublicKey: {}, deviceSignature: '' }), 'passkeys.malformed_response'],
  ];
  for (const [what, answer, expected] of refusals) {
    it(`refuses ${what}: ${expected}`, async () => {
      const r = await addResident(database.db, database.keys);
      const w = who(r.id);
      const options = await beginRegistration(database.db, clock, config, w);
      const sent = (await answer(new TestPhone(), options)) as Parameters<typeof verifyRegistration>[4];
      expect(await errorCode(verifyRegistration(database.db, clock, config, w.subject, sent))).toBe(expected);
    });
  }

  it('refuses a reused challenge: passkeys.challenge_used', async () => {
    const r = await addResident(database.db, database.keys);
    const w = who(r.id);
    const options = await beginRegistration(database.db, clock, config, w);
    const phone = new TestPhone();
    const answer = await phone.register(options);
    expect(await errorCode(verifyRegistration(database.db, clock, config, w.subject, answer))).toBe('ok');
    expect(await errorCode(verifyRegistration(database.db, clock, config, w.subject, answer))).toBe('passkeys.challenge_used');
  });

  it('uses a challenge up even when the answer is refused (one try per challenge)', async () => {
    const r = await addResident(database.db, database.keys);
    const w = who(r.id);
    const options = await beginRegistration(database.db, clock, config, w);
    const phone = new TestPhone();
    expect(await errorCode(verifyRegistration(database.db, clock, config, w.subject, await phone.register(options, { uv: false })))).toBe(
      'passkeys.user_not_verified',
    );
    expect(await errorCode(verifyRegistration(database.db, clock, config, w.subject, await phone.register(options)))).toBe(
      'passkeys.challenge_used',
    );
  });

  it('refuses an expired challenge (older than 5 minutes): passkeys.challenge_expired', async () => {
    const r = await addResident(database.db, database.keys);
    const w = who(r.id);
    const late = fixedClock(clock.now());
    const options = await beginRegistration(database.db, late, config, w);
    late.advance(5 * 60_000 + 1);
    expect(await errorCode(verifyRegistration(database.db, late, config, w.subject, await new TestPhone().register(options)))).toBe(
      'passkeys.challenge_expired',
    );
  });

  it("refuses a challenge issued to someone else's enrollment: passkeys.challenge_unknown", async () => {
    const r = await addResident(database.db, database.keys);
    const mine = who(r.id);
    const theirs = who(r.id);
    const options = await beginRegistration(database.db, clock, config, theirs);
    expect(await errorCode(verifyRegistration(database.db, clock, config, mine.subject, await new TestPhone().register(options)))).toBe(
      'passkeys.challenge_unknown',
    );
  });
});

describe('one active card per resident', () => {
  it('revokes the card on the old phone in the same transaction as the new one is issued', async () => {
    const first = await enrolled();
    const second = await enrolled(new TestPhone(), first.residentId);
    expect(second.issued.revoked.map((c) => c.id)).toEqual([first.credential.id]);
    const rows = await database.db.select().from(credentials).where(eq(credentials.residentId, first.residentId));
    expect(rows.filter((c) => c.status === 'active').map((c) => c.id)).toEqual([second.credential.id]);
    const old = rows.find((c) => c.id === first.credential.id)!;
    expect(old).toMatchObject({ status: 'revoked', revokedReason: 'replaced', replacedBy: second.credential.id });
    expect(await getCardStatus(database.db, first.credential.credentialId)).toEqual({ status: 'moved' });
    // The published status list says so too: the old card invalid (replaced), the new one valid.
    expect(second.credential.statusIndex).not.toBeNull();
    expect(await readStatus(database.db, first.credential.statusIndex!)).toEqual({ status: 'invalid', reason: 'replaced' });
    expect(await readStatus(database.db, second.credential.statusIndex!)).toMatchObject({ status: 'valid' });
    expect(await errorCode(beginUnlock(database.db, clock, config, { credentialId: first.credential.credentialId }))).toBe('passkeys.card_moved');
  });

  it('is enforced by the database itself: a second active row is refused by the partial unique index', async () => {
    const { residentId, credential } = await enrolled();
    const copy = { ...credential, id: crypto.randomUUID(), credentialId: `${credential.credentialId}x`, statusIndex: null };
    await expect(database.db.insert(credentials).values(copy)).rejects.toThrow();
    const [n] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(credentials)
      .where(sql`${credentials.residentId} = ${residentId} and ${credentials.status} = 'active'`);
    expect(n!.n).toBe(1);
  });
});

describe('unlock: passkey assertion and device key over one challenge', () => {
  it('unlocks the card with both signatures and moves the sign counter on', async () => {
    const { phone, credential } = await enrolled();
    const options = await beginUnlock(database.db, clock, config, { credentialId: credential.credentialId });
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([credential.credentialId]);
    expect(options.userVerification).toBe('required');
    const unlocked = await completeUnlock(database.db, clock, config, await phone.unlock(options));
    expect(unlocked.id).toBe(credential.id);
    expect(unlocked.counter).toBe(1);
    expect(unlocked.lastUsedAt).not.toBeNull();
  });

  it('runs onUnlocked in the same transaction as the counter update: both commit, or neither', async () => {
    const { phone, credential } = await enrolled();
    const o1 = await beginUnlock(database.db, clock, config, { credentialId: credential.credentialId });
    await expect(
      completeUnlock(database.db, clock, config, await phone.unlock(o1), async () => {
        throw new Error('the session could not be opened');
      }),
    ).rejects.toThrow('the session could not be opened');
    const [after] = await database.db.select().from(credentials).where(eq(credentials.id, credential.id));
    expect(after!.counter).toBe(0);
    const o2 = await beginUnlock(database.db, clock, config, { credentialId: credential.credentialId });
    let seen: string | undefined;
    const unlocked = await completeUnlock(database.db, clock, config, await phone.unlock(o2), async (_tx, c) => {
      seen = c.id;
    });
    expect([seen, unlocked.counter]).toEqual([credential.id, 2]);
  });

  it('refuses the passkey alone, without the device key (a synced passkey on another device): passkeys.device_signature_invalid', async () => {
    const { phone, credential } = await enrolled();
    const options = await beginUnlock(database.db, clock, config, { credentialId: credential.credentialId });
    const otherDevice = new TestPhone();
    const answer = { response: phone.authenticator.authenticate(options, { origin: TEST_ORIGIN }), deviceSignature: await otherDevice.signWithDeviceKey(options.challenge) };
    expect(await errorCode(completeUnlock(database.db, clock, config, answer))).toBe('passkeys.device_signature_invalid');
  });

  const refusals: Array<[string, Partial<Parameters<TestPhone['unlock']>[1]>, string]> = [
    ['the wrong origin', { origin: 'https://evil.example' }, 'passkeys.wrong_origin'],
    ['the wrong RP ID', { rpId: 'evil.example' }, 'passkeys.wrong_rp_id'],
    ['no user verification', { uv: false }, 'passkeys.user_not_verified'],
    ['a webauthn.create response', { type: 'webauthn.create' }, 'passkeys.not_an_unlock'],
    ['a bad assertion signature', { corruptSignature: true }, 'passkeys.verification_failed'],
  ];
  for (const [what, call, expected] of refusals) {
    it(`refuses ${what}: ${expected}`, async () => {
      const { phone, credential } = await enrolled();
      const options = await beginUnlock(database.db, clock, config, { credentialId: credential.credentialId });
      expect(await errorCode(completeUnlock(database.db, clock, config, await phone.unlock(options, call)))).toBe(expected);
    });
  }

  it('refuses a registration (webauthn.create) answer with its attestation sent to unlock: passkeys.not_an_unlock', async () => {
    const { phone, credential, residentId } = await enrolled();
    const unlockOptions = await beginUnlock(database.db, clock, config, { credentialId: credential.credentialId });
    const regOptions = await beginRegistration(database.db, clock, config, who(residentId));
    const registration = await phone.register({ ...regOptions, challenge: unlockOptions.challenge }, {}, unlockOptions.challenge);
    expect(await errorCode(completeUnlock(database.db, clock, config, { response: registration.response, deviceSignature: registration.deviceSignature }))).toBe(
      'passkeys.not_an_unlock',
    );
  });

  it('refuses a sign counter that went backwards (a cloned passkey): passkeys.counter_regression', async () => {
    const { phone, credential } = await enrolled();
    for (let i = 0; i < 3; i++) {
      const o = await beginUnlock(database.db, clock, config, { credentialId: credential.credentialId });
      await completeUnlock(database.db, clock, config, await phone.unlock(o));
    }
    const o = await beginUnlock(database.db, clock, config, { credentialId: credential.credentialId });
    expect(await errorCode(completeUnlock(database.db, clock, config, await phone.unlock(o, { counter: 2 })))).toBe('passkeys.counter_regression');
  });

  it("refuses another resident's credential answering the challenge issued for this card: passkeys.credential_other_resident", async () => {
    const victim = await enrolled();
    const attacker = await enrolled();
    const options = await beginUnlock(database.db, clock, config, { credentialId: victim.credential.credentialId });
    const answer = await attacker.phone.unlock(options, { credentialId: attacker.credential.credentialId });
    expect(await errorCode(completeUnlock(database.db, clock, config, answer))).toBe('passkeys.credential_other_resident');
  });

  it('refuses a reused unlock challenge and an expired one', async () => {
    const { phone, credential } = await enrolled();
    const o1 = await beginUnlock(database.db, clock, config, { credentialId: credential.credentialId });
    const a1 = await phone.unlock(o1);
    expect(await errorCode(completeUnlock(database.db, clock, config, a1))).toBe('ok');
    expect(await errorCode(completeUnlock(database.db, clock, config, a1))).toBe('passkeys.challenge_used');
    const late = fixedClock(clock.now());
    const o2 = await beginUnlock(database.db, late, config, { credentialId: credential.credentialId });
    late.advance(5 * 60_000 + 1);
    expect(await errorCode(completeUnlock(database.db, late, config, await phone.unlock(o2)))).toBe('passkeys.challenge_expired');
  });

  it('refuses a locked card before any prompt: passkeys.card_locked', async () => {
    const { credential } = await enrolled();
    await database.db.update(credentials).set({ status: 'locked', lockedAt: clock.now() }).where(eq(credentials.id, credential.id));
    expect(await errorCode(beginUnlock(database.db, clock, config, { credentialId: credential.credentialId }))).toBe('passkeys.card_locked');
    expect(await getCardStatus(database.db, credential.credentialId)).toEqual({ status: 'locked' });
  });

  it('refuses an unknown credential: passkeys.credential_unknown', async () => {
    expect(await errorCode(beginUnlock(database.db, clock, config, { credentialId: 'bm8tc3VjaC1jcmVkZW50aWFs' }))).toBe('passkeys.credential_unknown');
    expect(await getCardStatus(database.db, 'bm8tc3VjaC1jcmVkZW50aWFs')).toEqual({ status: 'unknown' });
  });
});
