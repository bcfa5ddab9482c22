import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { auditEvents, cards, enrollmentGrants, residents, staff } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { encryptField, registrationLookupHash } from '@/lib/security';
import { seedDemoStaff } from '@/lib/staff';
import {
  claimGrant,
  createOfficeGrant,
  getGrant,
  GRANT_TTL_MS,
  markGrantUsed,
  normaliseShortCode,
  SHORT_CODE_ALPHABET,
  SHORT_CODE_MAX_FAILURES,
  findResidentForOfficer,
} from '.';

let database: TestDatabase;
let officerId: string;
let analystId: string;
let residentId: number;
const clock = fixedClock('2026-03-03T02:00:00Z');

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
}

async function addResident(reg: string, birthDate: string, card: { kind: 'chip' | 'legacy'; expiresOn: string }) {
  const k = database.keys;
  const [r] = await database.db
    .insert(residents)
    .values({
      registrationHash: registrationLookupHash(k, reg),
      registrationNumberEnc: encryptField(k, reg, 'residents.registration_number'),
      nameEnc: encryptField(k, 'TEST PERSON', 'residents.name'),
      phoneEnc: encryptField(k, '010-0000-0000', 'residents.phone'),
      nationality: 'CN',
      birthDate,
      sex: 'M',
      residenceStatus: 'F-5',
      region: 'seoul',
      preferredLanguage: 'zh-CN',
      registeredAt: '2015-01-01',
    })
    .returning({ id: residents.id });
  await database.db.insert(cards).values({
    residentId: r!.id,
    serial: `RC${reg.replace(/\D/g, '')}`,
    kind: card.kind,
    issuedOn: '2020-01-01',
    expiresOn: card.expiresOn,
    chipPublicKey: card.kind === 'chip' ? Buffer.alloc(91, 1) : null,
  });
  return r!.id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemoStaff(database.db, database.keys, clock);
  const rows = await database.db.select().from(staff);
  officerId = rows.find((r) => r.role === 'officer')!.id;
  analystId = rows.find((r) => r.role === 'analyst')!.id;
  residentId = await addResident('880923-5000001', '1988-09-23', { kind: 'legacy', expiresOn: '2030-05-19' });
});
afterAll(async () => {
  await database.close();
});

describe('office enrollment grants', () => {
  it('carry a 256-bit code, a 10-character short code, and last 10 minutes', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const g = await createOfficeGrant(database.db, clock, { residentId, officerId });
      const raw = Buffer.from(g.code, 'base64url');
      expect(raw.length * 8).toBeGreaterThanOrEqual(128);
      expect(raw.length).toBe(32);
      expect(seen.has(g.code)).toBe(false);
      seen.add(g.code);
      expect(g.shortCode).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
      for (const ch of g.shortCode.replace('-', '')) expect(SHORT_CODE_ALPHABET).toContain(ch);
      expect(g.expiresAt.getTime() - clock.now().getTime()).toBe(10 * 60_000);
    }
    // Only hashes at rest.
    const stored = await database.db.select().from(enrollmentGrants);
    const dump = JSON.stringify(stored.map((s) => [s.codeHash.toString('base64url'), s.shortCodeHash.toString('hex')]));
    for (const c of seen) expect(dump).not.toContain(c);
  });

  it('the code bytes look random (no byte value dominates over many codes)', async () => {
    const counts = new Array(256).fill(0);
    for (let i = 0; i < 64; i++) {
      const g = await createOfficeGrant(database.db, clock, { residentId, officerId });
      for (const b of Buffer.from(g.code, 'base64url')) counts[b]++;
    }
    // 2048 bytes over 256 values: about 8 each; a constant or counter would pile up.
    expect(Math.max(...counts)).toBeLessThan(30);
    expect(counts.filter((c) => c === 0).length).toBeLessThan(10);
  });

  it('only an active officer may issue one, and it is audited', async () => {
    expect(await code(createOfficeGrant(database.db, clock, { residentId, officerId: analystId }))).toBe('proofing.not_an_officer');
    const g = await createOfficeGrant(database.db, clock, { residentId, officerId, checks: { photoMatches: true, cardGenuine: true } });
    const [a] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'grant.issued')).orderBy(auditEvents.seq);
    expect(a).toMatchObject({ actorKind: 'staff', actorId: officerId, subjectKind: 'resident', subjectId: String(residentId) });
    const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'grant.issued'));
    expect(rows.at(-1)!.detail).toMatchObject({ grantId: g.grantId, path: 'office', checks: { photoMatches: true, cardGenuine: true } });
  });

  it('is claimed once, by the QR code or by the short code, and used once', async () => {
    const g = await createOfficeGrant(database.db, clock, { residentId, officerId });
    const claimed = await claimGrant(database.db, clock, { code: g.code }, 'enr-1');
    expect(claimed).toEqual({ grantId: g.grantId, residentId, path: 'office', expiresAt: g.expiresAt });
    // The same enrollment coming back resumes; another is refused.
    expect(await claimGrant(database.db, clock, { shortCode: g.shortCode.toLowerCase().replace('-', ' ') }, 'enr-1')).toEqual(claimed);
    expect(await code(claimGrant(database.db, clock, { code: g.code }, 'enr-2'))).toBe('proofing.grant_used');
    await markGrantUsed(database.db, clock, g.grantId);
    expect(await code(markGrantUsed(database.db, clock, g.grantId))).toBe('proofing.grant_used');
    expect(await code(claimGrant(database.db, clock, { code: g.code }, 'enr-1'))).toBe('proofing.grant_used');
    expect((await getGrant(database.db, g.grantId))!.usedAt).not.toBeNull();
  });

  it('cannot be used unclaimed', async () => {
    const g = await createOfficeGrant(database.db, clock, { residentId, officerId });
    expect(await code(markGrantUsed(database.db, clock, g.grantId))).toBe('proofing.grant_unknown');
  });

  it('expires after 10 minutes', async () => {
    const local = fixedClock(clock.now());
    const g = await createOfficeGrant(database.db, local, { residentId, officerId });
    local.advance(GRANT_TTL_MS);
    expect(await code(claimGrant(database.db, local, { code: g.code }, 'enr-late'))).toBe('proofing.grant_expired');
    expect(await code(claimGrant(database.db, local, { shortCode: g.shortCode }, 'enr-late'))).toBe('proofing.grant_expired');
    const h = await createOfficeGrant(database.db, local, { residentId, officerId });
    local.advance(GRANT_TTL_MS - 1);
    await claimGrant(database.db, local, { code: h.code }, 'enr-in-time');
  });

  it('refuses unknown and malformed codes', async () => {
    expect(await code(claimGrant(database.db, clock, { code: 'A'.repeat(43) }, 'enr-x'))).toBe('proofing.grant_unknown');
    expect(await code(claimGrant(database.db, clock, { code: "' or 1=1 --" }, 'enr-x'))).toBe('proofing.grant_unknown');
    expect(await code(claimGrant(database.db, clock, { shortCode: 'short' }, 'enr-x'))).toBe('proofing.grant_unknown');
    expect(normaliseShortCode('k7m2p-qw9xr')).toBe('K7M2PQW9XR');
    expect(normaliseShortCode('K7M2P-QW9X0')).toBeNull();
    // Typed with a Khmer keyboard's digits or full-width letters, it is the same code.
    expect(normaliseShortCode('k\u17e7m\u17e2p-qw\u17e9xr')).toBe('K7M2PQW9XR');
    expect(normaliseShortCode('Ｋ７Ｍ２Ｐ－ＱＷ９ＸＲ')).toBe('K7M2PQW9XR');
  });

  it('many enrollments racing for one grant: exactly one wins', async () => {
    const g = await createOfficeGrant(database.db, clock, { residentId, officerId });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => code(claimGrant(database.db, clock, { code: g.code }, `race-${i}`))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'proofing.grant_used')).toHaveLength(9);
  });

  it('wrong short codes: 5 tries, then 15 minutes wait, counted in the database', async () => {
    const local = fixedClock(clock.now());
    const g = await createOfficeGrant(database.db, local, { residentId, officerId });
    const wrong = g.shortCode.startsWith('2') ? '33333-33333' : '22222-22222';
    for (let i = 0; i < SHORT_CODE_MAX_FAILURES; i++) {
      expect(await code(claimGrant(database.db, local, { shortCode: wrong }, 'guesser'))).toBe('proofing.grant_unknown');
    }
    // Even the right code now waits.
    expect(await code(claimGrant(database.db, local, { shortCode: g.shortCode }, 'guesser'))).toBe('proofing.short_code_locked');
    // Another enrollment is not held back by this one's mistakes.
    expect((await claimGrant(database.db, local, { shortCode: g.shortCode }, 'honest')).grantId).toBe(g.grantId);
    local.advance(14 * 60_000);
    expect(await code(claimGrant(database.db, local, { shortCode: wrong }, 'guesser'))).toBe('proofing.short_code_locked');
    const fresh = await createOfficeGrant(database.db, local, { residentId, officerId });
    local.advance(60_000);
    await claimGrant(database.db, local, { shortCode: fresh.shortCode }, 'guesser');
    const refused = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'grant.claim_refused'));
    expect(refused.length).toBeGreaterThanOrEqual(SHORT_CODE_MAX_FAILURES);
  });

  it('the wait tells how many minutes remain', async () => {
    const local = fixedClock(clock.now());
    for (let i = 0; i < SHORT_CODE_MAX_FAILURES; i++) await code(claimGrant(database.db, local, { shortCode: '22222-22223' }, 'counted'));
    local.advance(5 * 60_000);
    try {
      await claimGrant(database.db, local, { shortCode: '22222-22224' }, 'counted');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('proofing.short_code_locked');
      expect((e as AppError).params).toEqual({ minutes: 10 });
    }
  });
});

describe('the officer finds a resident', () => {
  it('shows the registry and card facts and the eligibility; audits the look-up without the number', async () => {
    const view = await findResidentForOfficer(database.db, clock, database.keys, { officerId, registrationNumber: '8809235000001' });
    expect(view).toMatchObject({
      residentId,
      name: 'TEST PERSON',
      registrationNumber: '880923-5000001',
      nationality: 'CN',
      birthDate: '1988-09-23',
      card: { kind: 'legacy', validity: 'valid', expiresOn: '2030-05-19' },
      eligibility: { eligible: true, cardKind: 'legacy' },
    });
    expect(await code(findResidentForOfficer(database.db, clock, database.keys, { officerId, registrationNumber: '880923-5000009' }))).toBe(
      'proofing.resident_not_found',
    );
    // Text that is no registration number (a digit short) is said as such, not as a missing resident.
    for (const typo of ['12345', '880923-500000', '880923-500000x']) {
      expect(await code(findResidentForOfficer(database.db, clock, database.keys, { officerId, registrationNumber: typo })), typo).toBe(
        'proofing.registration_number_format',
      );
    }
    expect(await code(findResidentForOfficer(database.db, clock, database.keys, { officerId: analystId, registrationNumber: '880923-5000001' }))).toBe(
      'proofing.not_an_officer',
    );
    const audit = await database.db.select().from(auditEvents);
    expect(JSON.stringify(audit)).not.toMatch(/880923|TEST PERSON/);
    expect(audit.some((a) => a.action === 'proofing.resident_viewed' && a.subjectId === String(residentId))).toBe(true);
  });

  it('no grant for a resident who may not enroll (expired card, under 14)', async () => {
    const expired = await addResident('900214-6000004', '1990-02-14', { kind: 'legacy', expiresOn: '2026-02-02' });
    const child = await addResident('150701-7000003', '2015-07-01', { kind: 'legacy', expiresOn: '2030-01-01' });
    const view = await findResidentForOfficer(database.db, clock, database.keys, { officerId, registrationNumber: '900214-6000004' });
    expect(view.eligibility).toMatchObject({ eligible: false, reason: 'card_expired' });
    expect(await code(createOfficeGrant(database.db, clock, { residentId: expired, officerId }))).toBe('proofing.resident_not_eligible');
    expect(await code(createOfficeGrant(database.db, clock, { residentId: child, officerId }))).toBe('proofing.resident_not_eligible');
    expect(await code(createOfficeGrant(database.db, clock, { residentId: 999_999, officerId }))).toBe('proofing.resident_not_found');
  });
});
