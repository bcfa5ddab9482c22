// The short link GET /c/<code>: a 307 to the home page in the visitor's
// language with the campaign (?c=CODE), one visit counted; unknown,
// malformed or hostile codes go home without attribution; a prefetch is
// sent on but not counted; never a 5xx.
import { and, eq, sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { funnelDaily, staff } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { createCampaign, createPartner } from '@/lib/outreach';
import { seedDemoStaff } from '@/lib/staff';
import { partnerMembers } from '@/db/schema';
import { GET } from './route';

const ORIGIN = 'http://localhost:3000';
const CONTEXT = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const clock = fixedClock('2026-12-01T03:00:00Z');
let database: TestDatabase;
let code = '';

async function open(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const segment = path.split('/').pop()!;
  const response = await GET(new NextRequest(`${ORIGIN}${path}`, { headers }), { params: Promise.resolve({ code: decodeURIComponent(segment) }) });
  expect(response.status).toBeLessThan(500);
  return response;
}

async function visits(): Promise<number> {
  const [row] = await database.db
    .select({ n: sql<number>`coalesce(sum(${funnelDaily.count}), 0)::int` })
    .from(funnelDaily)
    .where(and(eq(funnelDaily.campaign, code), eq(funnelDaily.event, 'link_opened')));
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  database = await openTestDatabase();
  await seedDemoStaff(database.db, database.keys, clock);
  const [admin] = await database.db.select().from(staff).where(eq(staff.role, 'admin'));
  const [partner] = await database.db.select().from(staff).where(eq(staff.role, 'partner'));
  const org = await createPartner(database.db, clock, { actorId: admin!.id, kind: 'embassy', name: 'Khmer desk', region: 'seoul', languages: ['km'] });
  await database.db.insert(partnerMembers).values({ staffId: partner!.id, partnerId: org.id, createdAt: clock.now() });
  code = (await createCampaign(database.db, clock, { staffId: partner!.id, name: 'Posters', languages: ['km', 'ar'], channel: 'poster' })).code;
  holder[CONTEXT] = Promise.resolve({ db: database.db, keys: database.keys, clock, database, config: { rpId: 'localhost', origins: [ORIGIN], demo: false }, demo: false });
});

afterAll(async () => {
  delete holder[CONTEXT];
  await database?.close();
  vi.restoreAllMocks();
});

describe('GET /c/<code>', () => {
  it.each([
    [{ 'accept-language': 'ko-KR,ko;q=0.9,km;q=0.5', 'sec-fetch-dest': 'document' }, 'km'],
    [{ 'accept-language': 'ru', 'sec-fetch-dest': 'document' }, 'ru'],
    [{ 'accept-language': 'de-DE' }, 'km'],
    [{ cookie: 'NEXT_LOCALE=ar', 'accept-language': 'km' }, 'ar'],
    [{ cookie: 'NEXT_LOCALE=zz', 'accept-language': 'ar-EG' }, 'ar'],
  ])('with %j goes to /%s?c=CODE and counts one visit', async (headers, locale) => {
    const before = await visits();
    const response = await open(`/c/${code.toLowerCase()}`, headers);
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe(`${ORIGIN}/${locale}?c=${code}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await visits()).toBe(before + 1);
  });

  it('sends a prefetch on without counting it', async () => {
    const before = await visits();
    const prefetches: Record<string, string>[] = [{ 'sec-purpose': 'prefetch' }, { 'next-router-prefetch': '1' }, { 'sec-fetch-dest': 'image' }];
    for (const headers of prefetches) {
      expect((await open(`/c/${code}`, headers)).status).toBe(307);
    }
    expect(await visits()).toBe(before);
  });

  it.each(['NOPE234', 'x'.repeat(100), '%3Cscript%3E', '..%2F..%2Fetc', '%00', 'a%20b'])('sends an unknown or malformed code (%s) home without attribution', async (segment) => {
    const response = await open(`/c/${segment}`, { 'accept-language': 'vi' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe(`${ORIGIN}/vi`);
  });
});
