// Outreach use cases on an in-memory database: partner scoping (an account
// reads and changes only its own organisation's campaigns, funnel and
// requests), campaign codes, the short link's language and attribution,
// community-day requests through to a published slot, and the demo seed.
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, campaigns, communityDayRequests, funnelDaily, partnerMembers, partners, slots, staff } from '@/db/schema';
import { countFunnelEvent, readCampaignFunnel } from '@/lib/analytics';
import { fixedClock, seoulDay } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { AppError } from '@/lib/errors';
import { changeStaffRole, seedDemoStaff } from '@/lib/staff';
import {
  CAMPAIGN_CODE_ALPHABET,
  archiveCampaign,
  campaignByCode,
  createCampaign,
  createPartner,
  declineCommunityDay,
  getCampaign,
  invitePartnerMember,
  linkLocale,
  listCampaigns,
  listCommunityDayRequests,
  listOwnCommunityDayRequests,
  listPartners,
  newCampaignCode,
  normaliseCampaignCode,
  openCampaignLink,
  parseCampaignCode,
  partnerFunnel,
  requestCommunityDay,
  scheduleCommunityDay,
  seedDemoOutreach,
  DEMO_PARTNERS,
} from '.';

let database: TestDatabase;
const clock = fixedClock('2026-12-01T03:00:00Z');
const ids = { admin: '', officer: '', analyst: '', partnerA: '', partnerB: '', orgA: '', orgB: '' };

async function demoStaffId(role: 'officer' | 'analyst' | 'partner' | 'admin'): Promise<string> {
  const [row] = await database.db.select({ id: staff.id }).from(staff).where(and(eq(staff.role, role), eq(staff.demo, true)));
  return row!.id;
}

/** An active partner account (as if it had registered its passkey), tied to an organisation. */
async function addPartnerAccount(partnerId: string): Promise<string> {
  const now = clock.now();
  const [row] = await database.db
    .insert(staff)
    .values({
      role: 'partner',
      status: 'active',
      handleHash: randomBytes(32),
      handleEnc: randomBytes(40),
      displayNameEnc: randomBytes(40),
      webauthnUserId: randomBytes(32),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: staff.id });
  await database.db.insert(partnerMembers).values({ staffId: row!.id, partnerId, createdAt: now });
  return row!.id;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function auditActions(subjectId: string): Promise<string[]> {
  const rows = await database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, subjectId));
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemoStaff(database.db, database.keys, clock);
  ids.admin = await demoStaffId('admin');
  ids.officer = await demoStaffId('officer');
  ids.analyst = await demoStaffId('analyst');
  const a = await createPartner(database.db, clock, { actorId: ids.admin, kind: 'association', name: 'Nepal Association  of Ansan', region: 'gyeonggi', languages: ['ne', 'ko'] });
  const b = await createPartner(database.db, clock, { actorId: ids.admin, kind: 'embassy', name: 'Embassy desk', region: 'seoul', languages: ['km'] });
  ids.orgA = a.id;
  ids.orgB = b.id;
  ids.partnerA = await addPartnerAccount(a.id);
  ids.partnerB = await addPartnerAccount(b.id);
});

afterAll(async () => {
  await database?.close();
});

describe('partner organisations', () => {
  it('are added by admins only, with a clean name, a known region and our languages', async () => {
    const { db } = database;
    expect((await listPartners(db)).map((p) => p.name)).toEqual(['Embassy desk', 'Nepal Association of Ansan']);
    expect(await refusal(createPartner(db, clock, { actorId: ids.officer, kind: 'association', name: 'X group', region: 'seoul', languages: ['en'] }))).toBe('outreach.admin_only');
    expect(await refusal(createPartner(db, clock, { actorId: ids.partnerA, kind: 'association', name: 'X group', region: 'seoul', languages: ['en'] }))).toBe('outreach.admin_only');
    const base = { actorId: ids.admin, kind: 'association' as const, name: 'Good name', region: 'seoul', languages: ['en'] };
    expect(await refusal(createPartner(db, clock, { ...base, name: ' x ' }))).toBe('outreach.name_invalid');
    expect(await refusal(createPartner(db, clock, { ...base, name: 'a\u0000b' }))).toBe('outreach.name_invalid');
    expect(await refusal(createPartner(db, clock, { ...base, region: 'atlantis' }))).toBe('outreach.region_unknown');
    expect(await refusal(createPartner(db, clock, { ...base, languages: [] }))).toBe('outreach.languages_required');
    expect(await refusal(createPartner(db, clock, { ...base, languages: ['en', 'xx'] }))).toBe('outreach.languages_required');
    expect(await auditActions(ids.orgA)).toEqual(['partner.created']);
  });

  it('get members by invitation: a partner account tied to its organisation, or nothing at all', async () => {
    const { db, keys } = database;
    const invite = await invitePartnerMember(db, clock, keys, { actorId: ids.admin, partnerId: ids.orgB, displayName: 'Sok Dara', handle: 'sok.dara@embassy.example' });
    const [member] = await db.select().from(staff).where(eq(staff.id, invite.staffId));
    expect(member).toMatchObject({ role: 'partner', status: 'invited' });
    const [link] = await db.select().from(partnerMembers).where(eq(partnerMembers.staffId, invite.staffId));
    expect(link?.partnerId).toBe(ids.orgB);
    expect(await auditActions(invite.staffId)).toEqual(['staff.invited']);
    expect(await auditActions(ids.orgB)).toEqual(['partner.created', 'partner.member_added']);

    // The same handle again: refused, and no second account or membership is left behind.
    const before = (await db.select().from(partnerMembers)).length;
    expect(await refusal(invitePartnerMember(db, clock, keys, { actorId: ids.admin, partnerId: ids.orgA, displayName: 'Sok Dara', handle: 'sok.dara@embassy.example' }))).toBe('staff.handle_taken');
    expect(await refusal(invitePartnerMember(db, clock, keys, { actorId: ids.admin, partnerId: ids.orgA, displayName: 'Someone', handle: 'bad handle!' }))).toBe('staff.handle_invalid');
    expect(await refusal(invitePartnerMember(db, clock, keys, { actorId: ids.officer, partnerId: ids.orgA, displayName: 'Someone', handle: 'someone@x.example' }))).toBe('outreach.admin_only');
    expect(await refusal(invitePartnerMember(db, clock, keys, { actorId: ids.admin, partnerId: '00000000-0000-4000-8000-000000000000', displayName: 'Someone', handle: 'someone@x.example' }))).toBe('outreach.partner_unknown');
    expect((await db.select().from(partnerMembers)).length).toBe(before);
    expect(await db.select().from(staff).where(eq(staff.role, 'partner'))).toHaveLength(4); // demo, A, B, Sok Dara
  });
});

describe('campaigns', () => {
  it('get a short random code of the unambiguous alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const code = newCampaignCode();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{7}$/);
      expect(parseCampaignCode(code)).toBe(code);
    }
    expect(CAMPAIGN_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    expect(normaliseCampaignCode(' tetvn26 ')).toBe('TETVN26');
    expect(normaliseCampaignCode('a b')).toBeNull();
    expect(normaliseCampaignCode('x'.repeat(33))).toBeNull();
  });

  it('are made, read and ended only by their own organisation', async () => {
    const { db } = database;
    const mine = await createCampaign(db, clock, { staffId: ids.partnerA, name: 'Spring posters', languages: ['ne', 'ko', 'ne'], channel: 'poster' });
    expect(mine).toMatchObject({ partnerId: ids.orgA, name: 'Spring posters', languages: ['ne', 'ko'], channel: 'poster', archivedAt: null });
    const theirs = await createCampaign(db, clock, { staffId: ids.partnerB, name: 'Notice', languages: ['km'], channel: 'embassy_notice' });
    expect(await auditActions(mine.id)).toEqual(['campaign.created']);

    expect((await listCampaigns(db, { staffId: ids.partnerA })).campaigns.map((c) => c.id)).toEqual([mine.id]);
    expect((await listCampaigns(db, { staffId: ids.partnerB })).campaigns.map((c) => c.id)).toEqual([theirs.id]);
    expect((await getCampaign(db, { staffId: ids.partnerA, campaignId: mine.id })).campaign.code).toBe(mine.code);
    // Another organisation's campaign reads as unknown, and cannot be ended.
    expect(await refusal(getCampaign(db, { staffId: ids.partnerB, campaignId: mine.id }))).toBe('outreach.campaign_unknown');
    expect(await refusal(archiveCampaign(db, clock, { staffId: ids.partnerB, campaignId: mine.id }))).toBe('outreach.campaign_unknown');
    expect((await getCampaign(db, { staffId: ids.partnerA, campaignId: mine.id })).campaign.archivedAt).toBeNull();
    // Non-partners and accounts without an organisation reach none.
    for (const staffId of [ids.admin, ids.officer, ids.analyst, await demoStaffId('partner')]) {
      expect(await refusal(listCampaigns(db, { staffId }))).toBe('outreach.no_partner');
      expect(await refusal(createCampaign(db, clock, { staffId, name: 'Mine now', languages: ['en'], channel: 'event' }))).toBe('outreach.no_partner');
    }
    expect(await refusal(getCampaign(db, { staffId: ids.partnerA, campaignId: 'not-a-uuid' }))).toBe('outreach.campaign_unknown');

    const ended = await archiveCampaign(db, clock, { staffId: ids.partnerA, campaignId: theirs.id }).catch((e: AppError) => e.code);
    expect(ended).toBe('outreach.campaign_unknown');
    const done = await archiveCampaign(db, clock, { staffId: ids.partnerB, campaignId: theirs.id });
    expect(done.archivedAt).toEqual(clock.now());
    expect(await refusal(archiveCampaign(db, clock, { staffId: ids.partnerB, campaignId: theirs.id }))).toBe('outreach.campaign_archived');
    expect(await auditActions(theirs.id)).toEqual(['campaign.created', 'campaign.archived']);
  });

  it('refuse a bad name, no language, a language not ours, an unknown channel', async () => {
    const { db } = database;
    const base = { staffId: ids.partnerA, name: 'Fine', languages: ['en'], channel: 'social' };
    expect(await refusal(createCampaign(db, clock, { ...base, name: 'x' }))).toBe('outreach.name_invalid');
    expect(await refusal(createCampaign(db, clock, { ...base, name: 'y'.repeat(81) }))).toBe('outreach.name_invalid');
    expect(await refusal(createCampaign(db, clock, { ...base, languages: [] }))).toBe('outreach.languages_required');
    expect(await refusal(createCampaign(db, clock, { ...base, languages: ['fr'] }))).toBe('outreach.languages_required');
    expect(await refusal(createCampaign(db, clock, { ...base, channel: 'billboard' }))).toBe('invalid_input');
  });

  it('lose an account the moment its role is no longer partner', async () => {
    const { db } = database;
    const someone = await addPartnerAccount(ids.orgA);
    expect((await listCampaigns(db, { staffId: someone })).partner.id).toBe(ids.orgA);
    await changeStaffRole(db, clock, { actorId: ids.admin, staffId: someone, role: 'analyst' });
    expect(await refusal(listCampaigns(db, { staffId: someone }))).toBe('outreach.no_partner');
    expect(await refusal(partnerFunnel(db, clock, { staffId: someone }))).toBe('outreach.no_partner');
  });
});

describe('the funnel of a partner', () => {
  it("counts only its own campaigns' codes: never another organisation's", async () => {
    const { db } = database;
    const a = await createCampaign(db, clock, { staffId: ids.partnerA, name: 'Funnel A', languages: ['ne'], channel: 'event' });
    const b = await createCampaign(db, clock, { staffId: ids.partnerB, name: 'Funnel B', languages: ['km'], channel: 'poster' });
    const count = (code: string, event: string, n: number, day = clock) => countFunnelEvent(db, day, { event, locale: 'ne', campaign: code }, n);
    await count(a.code, 'link_opened', 30);
    await count(a.code, 'guide_viewed', 12);
    await count(a.code, 'eligibility_answered:eligible_chip', 11);
    await count(a.code, 'eligibility_answered:not_eligible_under_14', 2);
    await count(a.code, 'enrollment_started', 7);
    await count(a.code, 'issued', 5);
    await count(b.code, 'link_opened', 1000);
    await count(b.code, 'issued', 400);
    await count('', 'issued', 99); // no campaign
    await count('SOMEONE', 'issued', 77); // a code no partner owns

    // The exact counts, read for the partner's organisation only.
    const exact = await readCampaignFunnel(db, { partnerId: ids.orgA, from: '2000-01-01', to: '2100-01-01' });
    expect(exact.campaigns.find((c) => c.campaignId === a.id)).toEqual({ campaignId: a.id, code: a.code, visits: 30, checks: 13, started: 7, issued: 5, guideViews: 12 });
    expect(exact.campaigns.map((c) => c.code)).not.toContain(b.code);
    expect(exact.total).toEqual({ visits: 30, checks: 13, started: 7, issued: 5, guideViews: 12 });
    const exactB = await readCampaignFunnel(db, { partnerId: ids.orgB, from: '2000-01-01', to: '2100-01-01' });
    expect(exactB.total).toEqual({ visits: 1000, checks: 0, started: 0, issued: 400, guideViews: 0 });
    expect(exactB.campaigns.map((c) => c.code)).not.toContain(a.code);

    // What a partner is shown: protected (lib/analytics): under 10 hidden, a column's lone hidden cell gets company, shown counts rounded to 5.
    const own = await partnerFunnel(db, clock, { staffId: ids.partnerA });
    expect(own.funnel.campaigns.map((c) => c.code)).not.toContain(b.code);
    expect(own.funnel.total).toEqual({ visits: 30, checks: 15, started: null, issued: null, guideViews: 10 });
    for (const c of own.funnel.campaigns) {
      for (const value of Object.values(c).filter((v) => typeof v !== 'string')) {
        if (value !== null) expect((value as number) % 5 === 0 && (value as number) >= 10).toBe(true);
      }
    }
    // Funnel A is not alone in its columns (Spring posters has zeros): hiding only its neighbours' zeros would give it away.
    expect(own.funnel.campaigns.find((c) => c.campaignId === a.id)).toMatchObject({ visits: null, checks: null, started: null, issued: null });
    const other = await partnerFunnel(db, clock, { staffId: ids.partnerB });
    expect(other.funnel.total).toMatchObject({ visits: 1000, issued: 400, checks: null, started: null });
    expect(other.funnel.campaigns.map((c) => c.code)).not.toContain(a.code);

    // A period: the day's counters, and none the day after.
    const today = seoulDay(clock.now());
    expect((await readCampaignFunnel(db, { partnerId: ids.orgA, from: today, to: today })).total.visits).toBe(30);
    const tomorrow = seoulDay(new Date(clock.now().getTime() + 86_400_000));
    expect((await readCampaignFunnel(db, { partnerId: ids.orgA, from: tomorrow, to: tomorrow })).total.visits).toBe(0);
  });
});

describe('the short link', () => {
  it.each([
    [{ cookie: 'ar', acceptLanguage: 'km', campaignLanguages: ['km'] }, 'ar'],
    [{ cookie: 'zz', acceptLanguage: 'ko-KR,ko;q=0.9,km;q=0.8', campaignLanguages: ['km', 'ar'] }, 'km'],
    [{ acceptLanguage: 'ko-KR,ko;q=0.9', campaignLanguages: ['km', 'ar'] }, 'ko'],
    [{ acceptLanguage: 'fr-FR', campaignLanguages: ['my'] }, 'my'],
    [{ acceptLanguage: 'zh-CN,zh;q=0.9', campaignLanguages: [] }, 'zh-CN'],
    [{ acceptLanguage: null }, 'en'],
    [{ acceptLanguage: 'ar-SA;q=0, vi;q=0.4' }, 'vi'],
  ] as const)('speaks %j → %s', (input, expected) => {
    expect(linkLocale(input)).toBe(expected);
  });

  it('sends the visitor home in their language with the campaign, and counts one visit', async () => {
    const { db } = database;
    const c = await createCampaign(db, clock, { staffId: ids.partnerA, name: 'Link test', languages: ['my', 'en'], channel: 'poster' });
    const visits = async () => {
      const [row] = await db
        .select({ n: sql<number>`coalesce(sum(${funnelDaily.count}), 0)::int` })
        .from(funnelDaily)
        .where(and(eq(funnelDaily.campaign, c.code), eq(funnelDaily.event, 'link_opened')));
      return Number(row?.n ?? 0);
    };
    expect(await openCampaignLink(db, clock, { code: c.code.toLowerCase(), acceptLanguage: 'fr', count: true })).toEqual({
      locale: 'my',
      campaign: c.code,
      path: `/my?c=${c.code}`,
    });
    expect(await openCampaignLink(db, clock, { code: c.code, cookie: 'vi', count: true })).toMatchObject({ locale: 'vi', path: `/vi?c=${c.code}` });
    expect(await visits()).toBe(2);
    // A prefetch is sent on, not counted.
    await openCampaignLink(db, clock, { code: c.code, count: false });
    expect(await visits()).toBe(2);
    // An unknown or malformed code: home, no attribution.
    for (const code of ['NOPE234', '', '../../etc', 'x'.repeat(300), '<b>']) {
      expect(await openCampaignLink(db, clock, { code, acceptLanguage: 'th', count: true })).toEqual({ locale: 'th', campaign: null, path: '/th' });
    }
    expect(await campaignByCode(db, 'nope234')).toBeNull();
  });
});

describe('community days', () => {
  const day = (n: number) => seoulDay(new Date(clock.now().getTime() + n * 86_400_000));
  const good = () => ({ venue: 'Ansan hall 2', address: 'Wongok-ro 1, Ansan', preferredDates: [day(20), day(10)], languages: ['ne', 'en'], expectedPeople: 45, note: 'Ask for Mr Rai at the door' });

  it.each([
    ['venue_invalid', { venue: 'x' }],
    ['venue_invalid', { venue: 'v'.repeat(81) }],
    ['address_invalid', { address: '' }],
    ['dates_invalid', { preferredDates: [] }],
    ['dates_invalid', { preferredDates: ['2026-12-01'] }],
    ['dates_invalid', { preferredDates: ['2026-02-30'] }],
    ['dates_invalid', { preferredDates: ['tomorrow'] }],
    ['dates_invalid', { preferredDates: ['2027-12-31'] }],
    ['dates_invalid', { preferredDates: ['2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13'] }],
    ['languages_required', { languages: [] }],
    ['people_invalid', { expectedPeople: 0 }],
    ['people_invalid', { expectedPeople: 1.5 }],
    ['people_invalid', { expectedPeople: 5001 }],
    ['note_too_long', { note: 'n'.repeat(1001) }],
  ] as const)('a request is refused with %s for %j', async (code, change) => {
    expect(await refusal(requestCommunityDay(database.db, clock, database.keys, { staffId: ids.partnerA, ...good(), ...change }))).toBe(`outreach.${code}`);
  });

  it('are asked for by a partner, seen by officers, and scheduled into a published community slot', async () => {
    const { db, keys } = database;
    const asked = await requestCommunityDay(db, clock, keys, { staffId: ids.partnerA, ...good() });
    expect(asked).toMatchObject({ partnerId: ids.orgA, status: 'requested', preferredDates: [day(10), day(20)], expectedPeople: 45, note: 'Ask for Mr Rai at the door' });
    // The note is sealed at rest.
    const [raw] = await db.select().from(communityDayRequests).where(eq(communityDayRequests.id, asked.id));
    expect(Buffer.from(raw!.noteEnc!).toString('latin1')).not.toContain('Rai');
    // Each partner sees its own requests only; officers and admins see all; others none.
    expect((await listOwnCommunityDayRequests(db, keys, { staffId: ids.partnerA })).map((r) => r.id)).toContain(asked.id);
    expect((await listOwnCommunityDayRequests(db, keys, { staffId: ids.partnerB })).map((r) => r.id)).not.toContain(asked.id);
    expect((await listCommunityDayRequests(db, keys, { staffId: ids.officer })).map((r) => r.id)).toContain(asked.id);
    expect((await listCommunityDayRequests(db, keys, { staffId: ids.admin })).map((r) => r.id)).toContain(asked.id);
    expect(await refusal(listCommunityDayRequests(db, keys, { staffId: ids.partnerA }))).toBe('outreach.officers_only');

    const startsAt = new Date(`${day(10)}T10:00:00+09:00`);
    // An admin is not an officer: publishing refuses, and the request stays open (one transaction).
    expect(await refusal(scheduleCommunityDay(db, clock, keys, { officerId: ids.admin, requestId: asked.id, startsAt, minutes: 240, capacity: 45 }))).toBe('proofing.not_an_officer');
    expect(await refusal(scheduleCommunityDay(db, clock, keys, { officerId: ids.officer, requestId: asked.id, startsAt: new Date('2026-01-01T00:00:00Z'), minutes: 240, capacity: 45 }))).toBe('proofing.slot_start_past');
    expect((await db.select().from(slots)).length).toBe(0);
    const [still] = await db.select().from(communityDayRequests).where(eq(communityDayRequests.id, asked.id));
    expect(still?.status).toBe('requested');

    const { request, slot } = await scheduleCommunityDay(db, clock, keys, { officerId: ids.officer, requestId: asked.id, startsAt, minutes: 240, capacity: 45 });
    expect(request).toMatchObject({ status: 'scheduled', slotId: slot.id });
    expect(slot).toMatchObject({ kind: 'community', host: 'Nepal Association of Ansan', place: 'Ansan hall 2, Wongok-ro 1, Ansan', capacity: 45, languages: ['en', 'ne'] });
    expect(await auditActions(asked.id)).toEqual(['community_day.requested', 'community_day.scheduled']);
    expect(await auditActions(slot.id)).toEqual(['slot.published']);
    expect(await refusal(scheduleCommunityDay(db, clock, keys, { officerId: ids.officer, requestId: asked.id, startsAt, minutes: 240, capacity: 45 }))).toBe('outreach.request_closed');
    expect(await refusal(declineCommunityDay(db, clock, keys, { staffId: ids.officer, requestId: asked.id }))).toBe('outreach.request_closed');
  });

  it('are declined by an officer or admin, not by a partner', async () => {
    const { db, keys } = database;
    const asked = await requestCommunityDay(db, clock, keys, { staffId: ids.partnerB, ...good(), languages: ['km'], note: '' });
    expect(asked.note).toBeNull();
    expect(await refusal(declineCommunityDay(db, clock, keys, { staffId: ids.partnerB, requestId: asked.id }))).toBe('outreach.officers_only');
    expect(await refusal(declineCommunityDay(db, clock, keys, { staffId: ids.admin, requestId: 'nope' }))).toBe('outreach.request_unknown');
    expect((await declineCommunityDay(db, clock, keys, { staffId: ids.admin, requestId: asked.id })).status).toBe('declined');
  });
});

describe('the demo', () => {
  it('gives the demo partner its association, two campaigns with a history, and nothing of the embassy', async () => {
    const demo = await openTestDatabase();
    try {
      await seedDemoStaff(demo.db, demo.keys, clock);
      await demo.db.transaction((tx) => seedDemoOutreach(tx, clock));
      const [partner] = await demo.db.select({ id: staff.id }).from(staff).where(and(eq(staff.demo, true), eq(staff.role, 'partner')));
      const { partner: org, funnel: shown } = await partnerFunnel(demo.db, clock, { staffId: partner!.id });
      expect(org.name).toBe(DEMO_PARTNERS[0]!.name);
      expect(shown.total.visits).toBeGreaterThan(100);
      const funnel = await readCampaignFunnel(demo.db, { partnerId: org.id, from: '2000-01-01', to: '2100-01-01' });
      expect(funnel.campaigns.map((c) => c.code).sort()).toEqual(['TETVN26', 'VNCHAT7']);
      for (const c of funnel.campaigns) {
        expect(c.visits).toBeGreaterThan(100);
        expect(c.checks).toBeLessThan(c.visits);
        expect(c.started).toBeLessThanOrEqual(c.checks);
        expect(c.issued).toBeLessThanOrEqual(c.started);
        expect(c.issued).toBeGreaterThan(10);
      }
      expect(await demo.db.select().from(partners)).toHaveLength(2);
      expect((await demo.db.select().from(campaigns)).map((c) => c.code).sort()).toEqual(['KHNEWS6', 'TETVN26', 'VNCHAT7']);
      expect(await demo.db.select().from(communityDayRequests)).toHaveLength(1);
    } finally {
      await demo.close();
    }
  }, 120_000);
});
