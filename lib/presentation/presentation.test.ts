import { createPublicKey } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { eq, and } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { statusEntries } from '@/db/schema';
import { LIST_SIZE, setStatus, splitStatusIndex, STATUS_VIEW_MAX_AGE_MS } from '@/lib/status';
import {
  generateSigningKey,
  MAX_TOKEN_BYTES,
  publishedKeys,
  qrVersion,
  registerSigningKey,
  RETIRED_KEY_GRACE_MS,
  signPresentationToken,
  signStatusList,
  TOKEN_LIFETIME_S,
  verifyPresentation,
  type Profile,
} from '.';
import {
  algNone,
  decodePart,
  holder,
  hs256WithSecret,
  newStatusIndex,
  presentationFixture,
  withPayload,
  type PresentationFixture,
} from './testing/fixtures';

let database: TestDatabase;
let deps: PresentationFixture;

beforeAll(async () => {
  database = await openTestDatabase();
  deps = await presentationFixture(database);
});

afterAll(async () => {
  deps?.statusView.dispose();
  await database?.close();
});

async function token(profile: Profile, statusIndex?: number, over: Partial<typeof holder> = {}) {
  const index = statusIndex ?? (await newStatusIndex(deps));
  const signed = await signPresentationToken(deps.issuer, deps.clock, { holder: { ...holder, ...over }, statusIndex: index, profile });
  return { ...signed, index };
}

describe('disclosure profiles', () => {
  it('full: name, nationality, status, birth date, registration number and validity, nothing else', async () => {
    const { token: t } = await token('full');
    const payload = decodePart(t, 1);
    expect(Object.keys(payload).sort()).toEqual(['bd', 'c', 'exp', 'iat', 'n', 'rn', 'rs', 'status', 'vu']);
    const result = await verifyPresentation(deps, t);
    expect(result).toEqual({
      valid: true,
      claims: {
        profile: 'full',
        name: holder.name,
        nationality: 'VN',
        residenceStatus: 'E-9',
        birthDate: '1996-04-12',
        registrationNumber: '960412-6123456',
        validUntil: '2028-06-30',
        issuedAt: deps.clock.now().toISOString().replace(/\.\d{3}Z$/, '.000Z'),
        expiresAt: new Date(Math.floor(deps.clock.now().getTime() / 1000) * 1000 + TOKEN_LIFETIME_S * 1000).toISOString(),
      },
    });
  });

  it('identity: the same without the registration number', async () => {
    const { token: t } = await token('identity');
    expect(decodePart(t, 1)).not.toHaveProperty('rn');
    const result = await verifyPresentation(deps, t);
    expect(result.valid).toBe(true);
    if (result.valid) {
      expect(result.claims.profile).toBe('identity');
      expect(result.claims.registrationNumber).toBeUndefined();
      expect(result.claims.name).toBe(holder.name);
    }
  });

  it('19+: a single boolean, no name, no dates, no number', async () => {
    const { token: t } = await token('age19');
    const payload = decodePart(t, 1);
    expect(Object.keys(payload).sort()).toEqual(['a19', 'exp', 'iat', 'status']);
    expect(payload.a19).toBe(true);
    const result = await verifyPresentation(deps, t);
    expect(result.valid && result.claims).toEqual({
      profile: 'age19',
      age19OrOver: true,
      issuedAt: expect.any(String),
      expiresAt: expect.any(String),
    });
  });

  it('19+ counts by birth year, as the Youth Protection Act does (clock is March 2026)', async () => {
    // Born December 2007: 18 in March 2026, yet no longer a youth since 1 January 2026.
    const dec2007 = await token('age19', undefined, { birthDate: '2007-12-31' });
    expect(decodePart(dec2007.token, 1).a19).toBe(true);
    const jan2008 = await token('age19', undefined, { birthDate: '2008-01-01' });
    expect(decodePart(jan2008.token, 1).a19).toBe(false);
    const result = await verifyPresentation(deps, jan2008.token);
    expect(result.valid && result.claims.age19OrOver).toBe(false);
  });

  it('carries a status reference per the IETF Token Status List and expires in 3 minutes', async () => {
    const { token: t, index } = await token('identity');
    const payload = decodePart(t, 1) as { iat: number; exp: number; status: { status_list: { idx: number; uri: string } } };
    expect(payload.exp - payload.iat).toBe(180);
    const { listId, idx } = splitStatusIndex(index);
    expect(payload.status).toEqual({ status_list: { idx, uri: `http://localhost:3100/api/status-lists/${listId}` } });
    expect(decodePart(t, 0)).toEqual({ alg: 'ES256', kid: deps.key.kid });
  });
});

describe('size', () => {
  it(`the largest profile stays within ${MAX_TOKEN_BYTES} bytes and QR version 16 at level M`, async () => {
    // A long name (36 characters), the longest residence status code, the last index of the list.
    const long = {
      name: 'WICKRAMASINGHE MUDIYANSELAGE NUWAN K',
      residenceStatus: 'F-2-99',
      registrationNumber: '991231-6999999',
      birthDate: '1999-12-31',
    };
    expect(long.name).toHaveLength(36);
    for (const profile of ['full', 'identity', 'age19'] as const) {
      const t = await signPresentationToken(deps.issuer, deps.clock, {
        holder: { ...holder, ...long },
        statusIndex: LIST_SIZE - 1,
        profile,
      });
      expect(Buffer.byteLength(t.token), profile).toBeLessThanOrEqual(MAX_TOKEN_BYTES);
      expect(qrVersion(t.token), profile).toBeLessThanOrEqual(16);
    }
  });
});

describe('refusals', () => {
  it('a changed payload: bad signature', async () => {
    const { token: t } = await token('identity');
    const payload = decodePart(t, 1);
    expect(await verifyPresentation(deps, withPayload(t, { ...payload, n: 'SOMEONE ELSE' }))).toEqual({ valid: false, reason: 'bad_signature' });
    expect(await verifyPresentation(deps, withPayload(t, { ...payload, exp: (payload.exp as number) + 3600 }))).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
    // Turning a 19+ token into one that says "over 19" for a minor fails the same way.
    const minor = await token('age19', undefined, { birthDate: '2012-01-01' });
    expect(await verifyPresentation(deps, withPayload(minor.token, { ...decodePart(minor.token, 1), a19: true }))).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
  });

  it('a changed signature: bad signature', async () => {
    const { token: t } = await token('age19');
    const [h, p, s] = t.split('.');
    const sig = Buffer.from(s!, 'base64url');
    sig[10]! ^= 0x01;
    expect(await verifyPresentation(deps, `${h}.${p}.${sig.toString('base64url')}`)).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('alg none: refused by the allow-list', async () => {
    const { token: t } = await token('full');
    expect(await verifyPresentation(deps, algNone(t))).toEqual({ valid: false, reason: 'alg_not_allowed' });
  });

  it('HS256 with the public key as the HMAC secret: refused', async () => {
    const { token: t } = await token('full');
    const pem = createPublicKey({ key: deps.key.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const der = createPublicKey({ key: deps.key.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
    for (const secret of [pem, der, JSON.stringify(deps.key.publicJwk)]) {
      expect(await verifyPresentation(deps, hs256WithSecret(t, secret))).toEqual({ valid: false, reason: 'alg_not_allowed' });
    }
  });

  it('other algorithms (ES384, RS256, lower-case es256): refused', async () => {
    const { token: t } = await token('identity');
    for (const alg of ['ES384', 'RS256', 'PS256', 'EdDSA', 'es256', '']) {
      const forged = `${Buffer.from(JSON.stringify({ alg, kid: deps.key.kid })).toString('base64url')}.${t.split('.')[1]}.${t.split('.')[2]}`;
      expect(await verifyPresentation(deps, forged), alg).toEqual({ valid: false, reason: 'alg_not_allowed' });
    }
  });

  it('expired: from the second its 3 minutes end, not before (no grace after the time the holder saw)', async () => {
    const { token: t } = await token('age19');
    deps.clock.advance(179_000);
    expect((await verifyPresentation(deps, t)).valid).toBe(true);
    deps.clock.advance(1_000);
    expect(await verifyPresentation(deps, t)).toEqual({ valid: false, reason: 'expired' });
    deps.clock.advance(-180_000);
  });

  it('issued in the future: not yet valid', async () => {
    deps.clock.advance(60_000);
    const { token: t } = await token('age19');
    deps.clock.advance(-60_000);
    expect(await verifyPresentation(deps, t)).toEqual({ valid: false, reason: 'not_yet_valid' });
  });

  it('a key that is not in the key set: unknown key', async () => {
    const stranger = (await generateSigningKey()).key;
    const index = await newStatusIndex(deps);
    const t = await signPresentationToken({ origin: deps.issuer.origin, key: stranger }, deps.clock, { holder, statusIndex: index, profile: 'full' });
    expect(await verifyPresentation(deps, t.token)).toEqual({ valid: false, reason: 'unknown_key' });
    // The stranger's key under our kid: the signature does not match.
    const impostor = await signPresentationToken({ origin: deps.issuer.origin, key: { ...stranger, kid: deps.key.kid } }, deps.clock, {
      holder,
      statusIndex: index,
      profile: 'full',
    });
    expect(await verifyPresentation(deps, impostor.token)).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('a well-signed JWT that is not one of ours (extra claims, wrong lifetime): malformed', async () => {
    const index = splitStatusIndex(await newStatusIndex(deps));
    const now = Math.floor(deps.clock.now().getTime() / 1000);
    const status = { status_list: { idx: index.idx, uri: `http://localhost:3100/api/status-lists/${index.listId}` } };
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: deps.key.kid }).sign(deps.key.privateKey);
    expect(await verifyPresentation(deps, await sign({ a19: true, admin: true, iat: now, exp: now + 180, status }))).toEqual({
      valid: false,
      reason: 'malformed',
    });
    expect(await verifyPresentation(deps, await sign({ a19: true, iat: now, exp: now + 86_400, status }))).toEqual({
      valid: false,
      reason: 'malformed',
    });
    expect(await verifyPresentation(deps, await sign({ a19: true, iat: now, exp: now + 180, status }))).toMatchObject({ valid: true });
  });

  it('a physical card past its validity: card expired', async () => {
    const { token: t } = await token('identity', undefined, { validUntil: '2026-03-01' });
    expect(await verifyPresentation(deps, t)).toEqual({ valid: false, reason: 'card_expired' });
  });

  it('garbage: malformed, never a throw', async () => {
    for (const input of [undefined, null, 42, {}, '', '.', '..', 'a.b.c', 'a.b', 'x'.repeat(5000), '€.€.€', 'eyJhbGciOiJFUzI1NiJ9..', '...']) {
      const result = await verifyPresentation(deps, input);
      expect(result.valid, String(input)).toBe(false);
    }
  });
});

describe('live status', () => {
  it('locked (suspended): refused at once on this instance', async () => {
    const { token: t, index } = await token('full');
    expect((await verifyPresentation(deps, t)).valid).toBe(true);
    await deps.db.transaction((tx) => setStatus(tx, index, 'suspended', { reason: 'lost', clock: deps.clock }));
    expect(await verifyPresentation(deps, t)).toEqual({ valid: false, reason: 'locked' });
  });

  it('revoked (invalid): refused', async () => {
    const { token: t, index } = await token('identity');
    await deps.db.transaction((tx) => setStatus(tx, index, 'invalid', { reason: 'revoked', clock: deps.clock }));
    expect(await verifyPresentation(deps, t)).toEqual({ valid: false, reason: 'revoked' });
  });

  it('replaced by a reissue: its own reason', async () => {
    const { token: t, index } = await token('age19');
    await deps.db.transaction((tx) => setStatus(tx, index, 'invalid', { reason: 'replaced', clock: deps.clock }));
    expect(await verifyPresentation(deps, t)).toEqual({ valid: false, reason: 'replaced' });
  });

  it('a change made by another instance is seen within the view’s time-to-live', async () => {
    const { token: t, index } = await token('identity');
    expect((await verifyPresentation(deps, t)).valid).toBe(true);
    // Another instance locks the card: this process's setStatus is not called.
    const { listId, idx } = splitStatusIndex(index);
    await deps.db.update(statusEntries).set({ status: 2 }).where(and(eq(statusEntries.listId, listId), eq(statusEntries.idx, idx)));
    expect((await verifyPresentation(deps, t)).valid).toBe(true);
    deps.clock.advance(STATUS_VIEW_MAX_AGE_MS);
    expect(await verifyPresentation(deps, t)).toEqual({ valid: false, reason: 'locked' });
    deps.clock.advance(-STATUS_VIEW_MAX_AGE_MS);
  });

  it('the signed status list (statuslist+jwt) holds 2 bits per card at its index', async () => {
    const locked = await newStatusIndex(deps);
    const revoked = await newStatusIndex(deps);
    const valid = await newStatusIndex(deps);
    await deps.db.transaction(async (tx) => {
      await setStatus(tx, locked, 'suspended');
      await setStatus(tx, revoked, 'invalid', { reason: 'replaced' });
    });
    const signed = await signStatusList(deps.issuer, deps.clock, deps.statusView, 1);
    expect(signed).not.toBeNull();
    const header = decodePart(signed!.jwt, 0);
    expect(header).toEqual({ alg: 'ES256', kid: deps.key.kid, typ: 'statuslist+jwt' });
    const payload = decodePart(signed!.jwt, 1) as { sub: string; iat: number; exp: number; ttl: number; status_list: { bits: number; lst: string } };
    expect(payload.sub).toBe('http://localhost:3100/api/status-lists/1');
    expect(payload.ttl).toBeGreaterThan(0);
    expect(payload.exp).toBeGreaterThan(payload.iat);
    expect(payload.status_list.bits).toBe(2);
    const bytes = inflateSync(Buffer.from(payload.status_list.lst, 'base64url'));
    expect(bytes.length).toBe(LIST_SIZE / 4);
    const at = (index: number) => (bytes[index >> 2]! >> ((index & 3) * 2)) & 3;
    expect(at(locked)).toBe(2);
    expect(at(revoked)).toBe(1);
    expect(at(valid)).toBe(0);
    expect(await signStatusList(deps.issuer, deps.clock, deps.statusView, 99)).toBeNull();
  });
});

describe('key rotation', () => {
  it('old keys stay published until their last tokens expired; tokens of both verify meanwhile', async () => {
    const database2 = await openTestDatabase();
    const a = await presentationFixture(database2);
    try {
      const index = await newStatusIndex(a);
      const before = await signPresentationToken(a.issuer, a.clock, { holder, statusIndex: index, profile: 'identity' });

      // A new release starts with key B (another instance, same database).
      a.clock.advance(30_000);
      const b = await presentationFixture(database2, { start: a.clock.now().toISOString() });
      const kids = (await publishedKeys(a.db, a.clock)).map((k) => k.kid);
      expect(kids).toEqual([b.key.kid, a.key.kid]);
      const after = await signPresentationToken(b.issuer, b.clock, { holder, statusIndex: index, profile: 'identity' });

      // The old instance learns of B when it first meets its kid, and still accepts A's token.
      expect((await verifyPresentation(a, after.token)).valid).toBe(true);
      expect((await verifyPresentation(b, before.token)).valid).toBe(true);

      // Once A's tokens can no longer be live, A leaves the key set.
      b.clock.set(new Date(a.clock.now().getTime() + RETIRED_KEY_GRACE_MS + 1000));
      expect((await publishedKeys(b.db, b.clock)).map((k) => k.kid)).toEqual([b.key.kid]);
      // A token A signed late (an instance that kept running): refused as an unknown key.
      const late = await signPresentationToken(a.issuer, b.clock, { holder, statusIndex: index, profile: 'identity' });
      expect(await verifyPresentation(b, late.token)).toEqual({ valid: false, reason: 'unknown_key' });

      // Rolling back to A makes it current again: it is never retired while an instance signs with it.
      await registerSigningKey(b.db, b.clock, a.key);
      b.keySet.invalidate();
      expect((await verifyPresentation(b, late.token)).valid).toBe(true);
      a.statusView.dispose();
      b.statusView.dispose();
    } finally {
      await database2.close();
    }
  });
});
