// The dashboard's CSV export as a route handler on a test database: only
// analysts and admins get it (a partner or an officer is refused, the
// anonymous told to sign in), bad input is a 4xx, and the file holds the
// same rows, labels and protected figures as the table on the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { openTestDatabase, type TestDatabase } from '@/lib/context/testing';
import { fixedClock } from '@/lib/clock';
import { settings } from '@/db/schema';
import { buildDashboardReport, countCardIssued, refreshAdoptionPopulation } from '@/lib/analytics';
import { addKitCredential, addKitEnrollment, addKitResidents } from '@/lib/analytics/testing';
import { demoSignIn, seedDemoStaff, type StaffRole } from '@/lib/staff';
import { translatorFor } from '@/app/_lib/messages';
import { SESSION_COOKIE } from '@/app/_lib/session-cookie';
import { presentTable, tableCsv, type DashboardT } from '@/app/[locale]/staff/dashboard/_lib/present';
import { GET } from './route';

const KEY = Symbol.for('arc-mobile.app-context');
const holder = globalThis as Record<symbol, unknown>;
const origin = 'http://localhost:3000';
const clock = fixedClock('2026-03-02T03:00:00Z');
let database: TestDatabase;
const sessions = new Map<StaffRole, string>();

function get(query: string, role?: StaffRole): Promise<Response> {
  const headers: Record<string, string> = role ? { cookie: `${SESSION_COOKIE.staff}=${sessions.get(role)}` } : {};
  return GET(new NextRequest(`${origin}/api/dashboard/csv?${query}`, { headers }));
}

beforeAll(async () => {
  database = await openTestDatabase();
  const { db } = database;
  holder[KEY] = Promise.resolve({ db, keys: database.keys, clock, database, config: { rpId: 'localhost', origins: [origin], demo: true }, demo: true });
  await seedDemoStaff(db, database.keys);
  await db.insert(settings).values({ key: 'demo', value: true });
  for (const role of ['analyst', 'admin', 'partner', 'officer'] as const) sessions.set(role, (await demoSignIn(db, clock, { demo: true }, { role })).sessionToken);
  const ids = await addKitResidents(db, [
    ...Array.from({ length: 30 }, () => ({ nationality: 'VN', region: 'seoul', kind: 'chip' as const })),
    ...Array.from({ length: 25 }, () => ({ nationality: 'CN', region: 'busan' })),
    ...Array.from({ length: 4 }, () => ({ nationality: 'LA', region: 'jeju', language: 'lo' })),
  ]);
  for (const [i, id] of ids.entries()) {
    if (i % 2 === 1) continue;
    const at = new Date(Date.parse('2025-05-01T02:00:00Z') + i * 86_400_000);
    await db.transaction(async (tx) => {
      const enrollment = await addKitEnrollment(tx, { residentId: id, path: 'chip', startedAt: new Date(at.getTime() - 600_000), finishedAt: at });
      await countCardIssued(tx, fixedClock(at), await addKitCredential(tx, { residentId: id, enrollmentId: enrollment, at }));
    });
  }
  await refreshAdoptionPopulation(db, clock);
}, 240_000);

afterAll(async () => {
  delete holder[KEY];
  await database?.close();
});

describe('GET /api/dashboard/csv', () => {
  it('gives analysts and admins the table as CSV, the same rows and figures as the page', async () => {
    for (const role of ['analyst', 'admin'] as const) {
      const res = await get('table=by-nationality&locale=en&from=2025-01-10&to=2026-03-02', role);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="arc-mobile-by-nationality-2025-01-10-2026-03-02.csv"');
      const bytes = new Uint8Array(await res.arrayBuffer());
      // A byte-order mark first, so spreadsheets read every script as UTF-8.
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      const report = await buildDashboardReport(database.db, clock, { from: '2025-01-10', to: '2026-03-02' });
      const t = (await translatorFor('en', 'staff.dashboard')) as unknown as DashboardT;
      expect(body).toBe(tableCsv(presentTable(t, 'en', report.tables['by-nationality'])));
      const lines = body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('Nationality,With the mobile card,Eligible,Adoption rate');
      // Vietnam 15 of 30; Laos 2 of 4 ("<10"), and China (13 of 25, the next smallest) hidden with it, so the total cannot give Laos away.
      expect(lines).toContain('Vietnam,15,30,0.5000');
      expect(lines).toContain('Laos,<10,<10,');
      expect(lines).toContain('China,<10,<10,');
      expect(lines.at(-1)).toBe('Total,30,60,0.5000');
    }
  });

  it('follows the filters and the language of the request', async () => {
    const res = await get('table=by-region&locale=ko&nationality=VN', 'analyst');
    const body = await res.text();
    expect(body).toContain('서울,15,30,0.5000');
    expect(body).not.toContain('부산');
  });

  it('refuses a partner and an officer, and asks the anonymous to sign in', async () => {
    for (const role of ['partner', 'officer'] as const) {
      const res = await get('table=summary', role);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('staff.forbidden');
    }
    const anonymous = await get('table=summary');
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('staff.not_signed_in');
  });

  it.each([
    ['no table', 'locale=en'],
    ['a table it does not have', 'table=people'],
    ['a malformed day', 'table=summary&from=2025-13-40'],
    ['a malformed nationality', 'table=summary&nationality=vietnam'],
    ['an unknown card kind', 'table=summary&cardKind=gold'],
  ])('answers 400 invalid_input for %s', async (_, query) => {
    const res = await get(query, 'analyst');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_input');
  });
});
