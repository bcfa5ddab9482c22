// The outreach server actions called the way a broken or hostile client can
// call them, as a table: each malformed or refused form goes back to its
// page with ?error=<code> (never a throw, never a 500), and the partner's
// organisation always comes from the signed-in account: a form naming
// another organisation's campaign is refused as unknown.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { campaigns, communityDayRequests, partnerMembers, staff } from '@/db/schema';
import { fixedClock, seoulDay } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { createCampaign, createPartner } from '@/lib/outreach';
import { createSession, encryptField, STAFF_SESSION_TTL_MS } from '@/lib/security';
import { seedDemoStaff } from '@/lib/staff';

const ORIGIN = 'http://localhost:3000';
const jar = new Map<string, string>();
let requestHeaders = new Headers();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
  headers: async () => requestHeaders,
}));

const actions = await import('./actions');

const CONTEXT = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const clock = fixedClock('2026-12-01T03:00:00Z');
let database: TestDatabase;
const ids = { admin: '', officer: '', partnerA: '', partnerB: '', orgA: '', campaignB: '' };

async function signIn(staffId: string): Promise<void> {
  jar.set('arc_staff', await createSession(database.db, clock, { kind: 'staff', subjectId: staffId, ttlMs: STAFF_SESSION_TTL_MS }));
}

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

async function redirectOf(call: Promise<unknown>): Promise<string> {
  try {
    const value = await call;
    return `no redirect: ${JSON.stringify(value)}`;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (!digest.startsWith('NEXT_REDIRECT')) throw error;
    return digest.split(';')[2]!;
  }
}

async function partnerAccount(partnerId: string): Promise<string> {
  const now = clock.now();
  const [row] = await database.db
    .insert(staff)
    .values({ role: 'partner', status: 'active', handleHash: randomBytes(32), handleEnc: encryptField(database.keys, 'p@x.example', 'staff.handle'), displayNameEnc: encryptField(database.keys, 'Partner person', 'staff.display_name'), webauthnUserId: randomBytes(32), createdAt: now, updatedAt: now })
    .returning({ id: staff.id });
  await database.db.insert(partnerMembers).values({ staffId: row!.id, partnerId, createdAt: now });
  return row!.id;
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  database = await openTestDatabase();
  await seedDemoStaff(database.db, database.keys, clock);
  const rows = await database.db.select().from(staff);
  ids.admin = rows.find((r) => r.role === 'admin')!.id;
  ids.officer = rows.find((r) => r.role === 'officer')!.id;
  const a = await createPartner(database.db, clock, { actorId: ids.admin, kind: 'association', name: 'Org A', region: 'seoul', languages: ['en'] });
  const b = await createPartner(database.db, clock, { actorId: ids.admin, kind: 'embassy', name: 'Org B', region: 'busan', languages: ['km'] });
  ids.orgA = a.id;
  ids.partnerA = await partnerAccount(a.id);
  ids.partnerB = await partnerAccount(b.id);
  ids.campaignB = (await createCampaign(database.db, clock, { staffId: ids.partnerB, name: 'B posters', languages: ['km'], channel: 'poster' })).id;
  holder[CONTEXT] = Promise.resolve({ db: database.db, keys: database.keys, clock, database, config: { rpId: 'localhost', origins: [ORIGIN], demo: false }, demo: false });
});

beforeEach(() => {
  jar.clear();
  requestHeaders = new Headers({ host: 'localhost:3000', origin: ORIGIN });
});

afterAll(async () => {
  delete holder[CONTEXT];
  await database?.close();
  vi.restoreAllMocks();
});

const day = (n: number) => seoulDay(new Date(clock.now().getTime() + n * 86_400_000));
const goodRequest = () => ({ locale: 'en', venue: 'Hall 2', address: 'Some-ro 1', date1: day(10), expectedPeople: '30', lang_en: 'on' });

describe('createCampaignAction', () => {
  it('makes the campaign for the signed-in partner’s organisation and opens its page', async () => {
    await signIn(ids.partnerA);
    const to = await redirectOf(actions.createCampaignAction(form({ locale: 'en', name: 'Market day', channel: 'event', lang_km: 'on', lang_ar: 'on', partnerId: ids.campaignB })));
    const [made] = await database.db.select().from(campaigns).where(eq(campaigns.name, 'Market day'));
    expect(made).toMatchObject({ partnerId: ids.orgA, languages: ['km', 'ar'], channel: 'event' });
    expect(to).toBe(`/en/staff/partner/campaigns/${made!.id}?created=1`);
  });

  it.each([
    ['no session', null, { locale: 'en', name: 'X posters', channel: 'poster', lang_en: 'on' }, '/en/staff/partner?error=staff.not_signed_in'],
    ['an officer', 'officer', { locale: 'en', name: 'X posters', channel: 'poster', lang_en: 'on' }, '/en/staff/partner?error=staff.forbidden'],
    ['an admin', 'admin', { locale: 'ko', name: 'X posters', channel: 'poster', lang_en: 'on' }, '/ko/staff/partner?error=staff.forbidden'],
    ['no language', 'partnerA', { locale: 'en', name: 'X posters', channel: 'poster' }, '/en/staff/partner?error=outreach.languages_required'],
    ['a short name', 'partnerA', { locale: 'en', name: 'X', channel: 'poster', lang_en: 'on' }, '/en/staff/partner?error=outreach.name_invalid'],
    ['a long name', 'partnerA', { locale: 'en', name: 'x'.repeat(300), channel: 'poster', lang_en: 'on' }, '/en/staff/partner?error=invalid_input'],
    ['an unknown channel', 'partnerA', { locale: 'en', name: 'X posters', channel: 'billboard', lang_en: 'on' }, '/en/staff/partner?error=invalid_input'],
    ['a language box not "on"', 'partnerA', { locale: 'en', name: 'X posters', channel: 'poster', lang_en: 'yes' }, '/en/staff/partner?error=invalid_input'],
  ] as const)('refuses %s', async (_, who, fields, expected) => {
    if (who) await signIn(who === 'partnerA' ? ids.partnerA : ids[who]);
    expect(await redirectOf(actions.createCampaignAction(form(fields)))).toBe(expected);
  });

  it('refuses another site’s post', async () => {
    await signIn(ids.partnerA);
    requestHeaders = new Headers({ host: 'localhost:3000', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(await redirectOf(actions.createCampaignAction(form({ locale: 'en', name: 'X posters', channel: 'poster', lang_en: 'on' })))).toBe('/en/staff/partner?error=cross_site');
  });
});

describe('archiveCampaignAction', () => {
  it('cannot end another organisation’s campaign', async () => {
    await signIn(ids.partnerA);
    expect(await redirectOf(actions.archiveCampaignAction(form({ locale: 'en', campaignId: ids.campaignB })))).toBe(
      `/en/staff/partner/campaigns/${ids.campaignB}?error=outreach.campaign_unknown`,
    );
    const [row] = await database.db.select().from(campaigns).where(eq(campaigns.id, ids.campaignB));
    expect(row?.archivedAt).toBeNull();
    expect(await redirectOf(actions.archiveCampaignAction(form({ locale: 'en', campaignId: '../../x' })))).toBe('/en/staff/partner?error=invalid_input');
  });

  it('ends its own', async () => {
    await signIn(ids.partnerB);
    expect(await redirectOf(actions.archiveCampaignAction(form({ locale: 'en', campaignId: ids.campaignB })))).toBe(`/en/staff/partner/campaigns/${ids.campaignB}?archived=1`);
  });
});

describe('requestCommunityDayAction', () => {
  it.each([
    ['no venue', { venue: '' }, 'outreach.venue_invalid'],
    ['no date', { date1: '' }, 'outreach.dates_invalid'],
    ['a past date', { date1: '2020-01-01' }, 'outreach.dates_invalid'],
    ['no language', { lang_en: '' }, 'outreach.languages_required'],
    ['zero people', { expectedPeople: '0' }, 'invalid_input'],
    ['people as words', { expectedPeople: 'many' }, 'invalid_input'],
    ['a long note', { note: 'n'.repeat(1500) }, 'outreach.note_too_long'],
  ] as const)('refuses %s', async (_, change, code) => {
    await signIn(ids.partnerA);
    const fields: Record<string, string> = { ...goodRequest(), ...change };
    if (fields.lang_en === '') delete fields.lang_en;
    expect(await redirectOf(actions.requestCommunityDayAction(form(fields)))).toBe(`/en/staff/partner/community-days?error=${code}`);
  });

  it('sends a request for the partner’s own organisation', async () => {
    await signIn(ids.partnerA);
    expect(await redirectOf(actions.requestCommunityDayAction(form({ ...goodRequest(), date2: day(12) })))).toBe('/en/staff/partner/community-days?sent=1');
    const rows = await database.db.select().from(communityDayRequests);
    expect(rows.at(-1)).toMatchObject({ partnerId: ids.orgA, preferredDates: [day(10), day(12)], expectedPeople: 30, status: 'requested' });
  });
});

describe('scheduling and declining community days', () => {
  it('is for officers; a partner is refused, and a bad time never reaches the use case', async () => {
    const [request] = await database.db.select().from(communityDayRequests);
    const fields = { locale: 'en', requestId: request!.id, day: day(10), time: '10:00', minutes: '240', capacity: '30' };
    await signIn(ids.partnerA);
    expect(await redirectOf(actions.scheduleCommunityDayAction(form(fields)))).toBe('/en/staff/community-days?error=staff.forbidden');
    expect(await redirectOf(actions.declineCommunityDayAction(form({ locale: 'en', requestId: request!.id })))).toBe('/en/staff/community-days?error=staff.forbidden');
    await signIn(ids.officer);
    expect(await redirectOf(actions.scheduleCommunityDayAction(form({ ...fields, time: '25:99' })))).toBe('/en/staff/community-days?error=invalid_input');
    expect(await redirectOf(actions.scheduleCommunityDayAction(form({ ...fields, capacity: '500' })))).toBe('/en/staff/community-days?error=invalid_input');
    expect(await redirectOf(actions.scheduleCommunityDayAction(form({ ...fields, requestId: '00000000-0000-4000-8000-000000000000' })))).toBe('/en/staff/community-days?error=outreach.request_unknown');
    expect(await redirectOf(actions.scheduleCommunityDayAction(form(fields)))).toBe('/en/staff/community-days?scheduled=1');
    expect(await redirectOf(actions.scheduleCommunityDayAction(form(fields)))).toBe('/en/staff/community-days?error=outreach.request_closed');
  });
});

describe('partner organisations (admins)', () => {
  it('are added and invited to by admins only', async () => {
    await signIn(ids.partnerA);
    expect(await redirectOf(actions.createPartnerAction(form({ locale: 'en', kind: 'embassy', name: 'Org C', region: 'seoul', lang_en: 'on' })))).toBe('/en/staff/partner/organisations?error=staff.forbidden');
    await signIn(ids.admin);
    expect(await redirectOf(actions.createPartnerAction(form({ locale: 'en', kind: 'embassy', name: 'Org C', region: 'mars', lang_en: 'on' })))).toBe('/en/staff/partner/organisations?error=outreach.region_unknown');
    expect(await redirectOf(actions.createPartnerAction(form({ locale: 'en', kind: 'club', name: 'Org C', region: 'seoul', lang_en: 'on' })))).toBe('/en/staff/partner/organisations?error=invalid_input');
    expect(await redirectOf(actions.createPartnerAction(form({ locale: 'en', kind: 'embassy', name: 'Org C', region: 'seoul', lang_en: 'on' })))).toBe('/en/staff/partner/organisations?created=1');

    const done = await actions.invitePartnerMemberAction({ status: 'idle' }, form({ locale: 'en', partnerId: ids.orgA, displayName: 'Ana', handle: 'ana@org-a.example' }));
    expect(done).toMatchObject({ status: 'done', link: expect.stringMatching(/^http:\/\/localhost:3000\/en\/staff\/invite\/[A-Za-z0-9_-]{43}$/) });
    const again = await actions.invitePartnerMemberAction({ status: 'idle' }, form({ locale: 'en', partnerId: ids.orgA, displayName: 'Ana', handle: 'ana@org-a.example' }));
    expect(again).toMatchObject({ status: 'error' });
    await signIn(ids.partnerA);
    expect(await actions.invitePartnerMemberAction({ status: 'idle' }, form({ locale: 'en', partnerId: ids.orgA, displayName: 'Bo', handle: 'bo@org-a.example' }))).toMatchObject({ status: 'error' });
    expect(await actions.invitePartnerMemberAction(null, 'not a form')).toMatchObject({ status: 'error' });
  });
});
