// The officer's desk issues a grant only for the resident its audited
// look-up found: the issue step looks the typed registration number up
// again (lib/proofing, audited) and issues for THAT resident. A browser that
// edits the hidden resident id, or sends a forged previous state naming
// someone else, gets no grant for anyone.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditEvents, cards, credentials, enrollmentGrants, residents, staff } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { createSession, encryptField, registrationLookupHash, STAFF_SESSION_TTL_MS } from '@/lib/security';
import { seedDemoStaff } from '@/lib/staff';

const ORIGIN = 'http://localhost:3000';
const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
  headers: async () => new Headers({ host: 'localhost:3000', origin: ORIGIN }),
}));

const { officerDeskAction } = await import('./actions');
type OfficerState = import('./actions').OfficerState;

const CONTEXT = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const clock = fixedClock('2026-03-03T02:00:00Z');
let database: TestDatabase;
let officerId: string;
let officerSession: string;
const alice = { reg: '880923-5000001', id: 0 };
const bob = { reg: '900101-6000002', id: 0 };

async function addResident(reg: string, name: string): Promise<number> {
  const k = database.keys;
  const [r] = await database.db
    .insert(residents)
    .values({
      registrationHash: registrationLookupHash(k, reg),
      registrationNumberEnc: encryptField(k, reg, 'residents.registration_number'),
      nameEnc: encryptField(k, name, 'residents.name'),
      phoneEnc: encryptField(k, '010-0000-0000', 'residents.phone'),
      nationality: 'CN',
      birthDate: '1988-09-23',
      sex: 'F',
      residenceStatus: 'F-5',
      region: 'seoul',
      preferredLanguage: 'zh-CN',
      registeredAt: '2015-01-01',
    })
    .returning({ id: residents.id });
  await database.db.insert(cards).values({
    residentId: r!.id,
    serial: `RC${reg.replace(/\D/g, '')}`,
    kind: 'legacy',
    issuedOn: '2020-01-01',
    expiresOn: '2030-05-19',
    chipPublicKey: null,
  });
  return r!.id;
}

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  f.set('locale', 'en');
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

async function grantsFor(residentId: number) {
  return database.db.select().from(enrollmentGrants).where(eq(enrollmentGrants.residentId, residentId));
}

async function lookupsOf(residentId: number) {
  const rows = await database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'proofing.resident_viewed'), eq(auditEvents.subjectId, String(residentId))));
  return rows.length;
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  database = await openTestDatabase();
  await seedDemoStaff(database.db, database.keys, clock);
  officerId = (await database.db.select().from(staff)).find((s) => s.role === 'officer')!.id;
  officerSession = await createSession(database.db, clock, { kind: 'staff', subjectId: officerId, ttlMs: STAFF_SESSION_TTL_MS });
  alice.id = await addResident(alice.reg, 'ALICE LOOKED-UP');
  bob.id = await addResident(bob.reg, 'BOB NEVER-LOOKED-UP');
  holder[CONTEXT] = Promise.resolve({
    db: database.db,
    keys: database.keys,
    clock,
    database,
    config: { rpId: 'localhost', origins: [ORIGIN] },
    demo: false,
  });
});

beforeEach(() => {
  jar.clear();
  jar.set('arc_staff', officerSession);
});

afterAll(async () => {
  delete holder[CONTEXT];
  await database?.close();
  vi.restoreAllMocks();
});

describe('the officer desk', () => {
  it('finds a resident through the audited look-up', async () => {
    const before = await lookupsOf(alice.id);
    const state = (await officerDeskAction({}, form({ intent: 'find', registrationNumber: alice.reg }))) as OfficerState;
    expect(state.error).toBeUndefined();
    expect(state.resident).toMatchObject({ residentId: alice.id, name: 'ALICE LOOKED-UP', eligible: true });
    expect(state.registrationNumber).toBe(alice.reg);
    expect(await lookupsOf(alice.id)).toBe(before + 1);
  });

  it('refuses an issue whose hidden resident id was edited to someone else: no grant for anyone', async () => {
    const found = (await officerDeskAction({}, form({ intent: 'find', registrationNumber: alice.reg }))) as OfficerState;
    // The browser sends back a state and a form that name Bob, whom the officer never looked up.
    const forgedState: OfficerState = { ...found, resident: { ...found.resident!, residentId: bob.id } };
    const state = (await officerDeskAction(
      forgedState,
      form({ intent: 'issue', registrationNumber: alice.reg, residentId: String(bob.id), photoMatches: 'on', cardGenuine: 'on' }),
    )) as OfficerState;
    expect(state.grant).toBeUndefined();
    expect(state.error).toBeTruthy();
    expect(await grantsFor(bob.id)).toHaveLength(0);
    expect(await grantsFor(alice.id)).toHaveLength(0);
  });

  it('refuses an issue that only a forged previous state ties to a resident (no registration number): no grant', async () => {
    const forged: OfficerState = {
      resident: { residentId: bob.id, name: 'BOB', facts: [], eligible: true, eligibility: '', language: 'en', hasActiveCard: false },
    };
    const state = (await officerDeskAction(forged, form({ intent: 'issue', residentId: String(bob.id), photoMatches: 'on', cardGenuine: 'on' }))) as OfficerState;
    expect(state.grant).toBeUndefined();
    expect(state.error).toBeTruthy();
    expect(await grantsFor(bob.id)).toHaveLength(0);
  });

  it('answers a resident id of 2^31 or more with its failed state, not a 500', async () => {
    const state = (await officerDeskAction(
      null,
      form({ intent: 'issue', registrationNumber: alice.reg, residentId: String(2 ** 31), photoMatches: 'on', cardGenuine: 'on' }),
    )) as OfficerState;
    expect(state.grant).toBeUndefined();
    expect(state.error).toBeTruthy();
  });

  it('keeps the resident on screen when a check is missing, and issues nothing', async () => {
    const state = (await officerDeskAction({}, form({ intent: 'issue', registrationNumber: alice.reg, residentId: String(alice.id), photoMatches: 'on' }))) as OfficerState;
    expect(state.resident?.residentId).toBe(alice.id);
    expect(state.error).toBeTruthy();
    expect(state.grant).toBeUndefined();
    expect(await grantsFor(alice.id)).toHaveLength(0);
  });

  it('issues for the resident the issue step looked up again, whatever the previous state says', async () => {
    const before = await lookupsOf(alice.id);
    // A null previous state: the server needs nothing from it.
    const state = (await officerDeskAction(
      null,
      form({ intent: 'issue', registrationNumber: alice.reg, residentId: String(alice.id), photoMatches: 'on', cardGenuine: 'on' }),
    )) as OfficerState;
    expect(state.error).toBeUndefined();
    expect(state.resident?.residentId).toBe(alice.id);
    // No language in the address: the resident's phone chooses it.
    expect(state.grant?.url).toMatch(new RegExp(`^${ORIGIN}/enroll/office\\?g=[A-Za-z0-9_-]{43}$`));
    const grants = await grantsFor(alice.id);
    expect(grants).toHaveLength(1);
    expect(grants[0]!.officerId).toBe(officerId);
    // The issue step went through the audited look-up again.
    expect(await lookupsOf(alice.id)).toBe(before + 1);
    expect(await grantsFor(bob.id)).toHaveLength(0);
  });

  it('warns before issuing over an active mobile card, and issues only with the tick that the resident knows', async () => {
    const carol = { reg: '910202-6000003', id: 0 };
    carol.id = await addResident(carol.reg, 'CAROL HAS-A-CARD');
    await database.db.insert(credentials).values({
      residentId: carol.id,
      credentialId: 'CAROL-CARD-ON-HER-PHONE',
      publicKey: Buffer.from([1, 2, 3]),
      backupEligible: false,
      backedUp: false,
      devicePublicKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
      createdAt: clock.now(),
    });
    const found = (await officerDeskAction({}, form({ intent: 'find', registrationNumber: carol.reg }))) as OfficerState;
    expect(found.resident?.hasActiveCard).toBe(true);
    expect(((await officerDeskAction({}, form({ intent: 'find', registrationNumber: alice.reg }))) as OfficerState).resident?.hasActiveCard).toBe(false);

    const issue = { intent: 'issue', registrationNumber: carol.reg, residentId: String(carol.id), photoMatches: 'on', cardGenuine: 'on' };
    const refused = (await officerDeskAction(found, form(issue))) as OfficerState;
    expect(refused.error).toBeTruthy();
    expect(refused.grant).toBeUndefined();
    expect(await grantsFor(carol.id)).toHaveLength(0);

    const issued = (await officerDeskAction(found, form({ ...issue, moveCard: 'on' }))) as OfficerState;
    expect(issued.error).toBeUndefined();
    expect(issued.grant?.url).toMatch(new RegExp(`^${ORIGIN}/enroll/office\\?g=`));
    expect(await grantsFor(carol.id)).toHaveLength(1);
  });

  it('refuses anyone who is not a signed-in officer', async () => {
    jar.clear();
    const state = (await officerDeskAction({}, form({ intent: 'find', registrationNumber: alice.reg }))) as OfficerState;
    expect(state.resident).toBeUndefined();
    expect(state.error).toBeTruthy();
  });
});
