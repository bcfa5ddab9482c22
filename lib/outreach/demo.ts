// The demo's outreach: two partner organisations (an association, which the
// demo partner account partner@demo.arc acts for, and an embassy, with no
// account: an admin invites one), their campaigns, and some eight weeks of
// believable funnel counters for those campaigns' codes. Synthetic: no real
// organisation's figures. Run once per demo database (lib/population's
// demo extensions).
import { and, eq, sql } from 'drizzle-orm';
import { campaigns, communityDayRequests, funnelDaily, partnerMembers, partners, staff } from '@/db/schema';
import type { Tx } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';
import { CAMPAIGN_VISIT } from '@/lib/analytics';
import type { Locale } from '@/lib/i18n';

type DemoCampaign = {
  code: string;
  name: string;
  languages: Locale[];
  channel: 'poster' | 'social' | 'event' | 'embassy_notice';
  /** Days before the seed that it started. */
  startedDaysAgo: number;
  /** Link openings on a typical day at its start, and how fast interest fades (per day). */
  visitsPerDay: number;
  fade: number;
};

export const DEMO_PARTNERS: ReadonlyArray<{
  key: 'association' | 'embassy';
  kind: 'association' | 'embassy';
  name: string;
  region: string;
  languages: Locale[];
  campaigns: DemoCampaign[];
}> = [
  {
    key: 'association',
    kind: 'association',
    name: 'Ansan Vietnamese Community (demo)',
    region: 'gyeonggi',
    languages: ['vi', 'ko'],
    campaigns: [
      { code: 'TETVN26', name: 'Posters at the Lunar New Year festival', languages: ['vi', 'ko'], channel: 'poster', startedDaysAgo: 56, visitsPerDay: 38, fade: 0.035 },
      { code: 'VNCHAT7', name: 'Post in the community chat groups', languages: ['vi'], channel: 'social', startedDaysAgo: 21, visitsPerDay: 64, fade: 0.09 },
    ],
  },
  {
    key: 'embassy',
    kind: 'embassy',
    name: 'Embassy consular section, Khmer desk (demo)',
    region: 'seoul',
    languages: ['km', 'ko', 'en'],
    campaigns: [
      { code: 'KHNEWS6', name: 'Notice to registered nationals', languages: ['km', 'en'], channel: 'embassy_notice', startedDaysAgo: 35, visitsPerDay: 27, fade: 0.05 },
    ],
  },
];

/** A small deterministic generator (mulberry32) keyed by a string: the same demo every time. */
function random(key: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many of n people go on, each with probability p (binomial, drawn one by one: n is small). */
function thin(n: number, p: number, next: () => number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (next() < p) k++;
  return k;
}


export async function seedDemoOutreach(tx: Tx, clock: Clock): Promise<void> {
  const now = clock.now();
  // The history's counters, gathered first and written in a few multi-row inserts (thousands of single ones are slow on PGlite).
  const counters = new Map<string, typeof funnelDaily.$inferInsert>();
  const add = (day: string, locale: string, campaign: string, event: string, count: number, path = '') => {
    if (count <= 0) return;
    const key = [day, locale, campaign, path, event].join('|');
    const row = counters.get(key);
    if (row) row.count = (row.count ?? 0) + count;
    else counters.set(key, { day, locale, campaign, path, event, count });
  };
  const [demoPartner] = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.demo, true), eq(staff.role, 'partner')))
    .limit(1);
  for (const p of DEMO_PARTNERS) {
    const [partner] = await tx
      .insert(partners)
      .values({ kind: p.kind, name: p.name, region: p.region, languages: p.languages, createdAt: new Date(now.getTime() - 90 * 86_400_000) })
      .returning({ id: partners.id });
    if (p.key === 'association' && demoPartner) {
      await tx.insert(partnerMembers).values({ staffId: demoPartner.id, partnerId: partner!.id, createdAt: now }).onConflictDoNothing();
    }
    for (const c of p.campaigns) {
      await tx.insert(campaigns).values({
        partnerId: partner!.id,
        code: c.code,
        name: c.name,
        languages: c.languages,
        channel: c.channel,
        createdAt: new Date(now.getTime() - c.startedDaysAgo * 86_400_000),
      });
      const next = random(`demo-outreach:${c.code}`);
      for (let ago = c.startedDaysAgo; ago >= 1; ago--) {
        const at = new Date(now.getTime() - ago * 86_400_000);
        const day = seoulDay(at);
        const age = c.startedDaysAgo - ago;
        const weekend = [0, 6].includes(new Date(at.getTime() + 9 * 3600_000).getUTCDay()) ? 1.4 : 1;
        const expected = c.visitsPerDay * Math.exp(-c.fade * age) * weekend;
        for (const locale of c.languages) {
          const share = locale === c.languages[0] ? 0.8 : 0.2 / (c.languages.length - 1);
          const visits = Math.round(expected * share * (0.7 + 0.6 * next()));
          const checks = thin(visits, 0.55, next);
          const started = thin(checks, 0.4, next);
          const issued = thin(started, 0.7, next);
          const guide = thin(visits * 2, 0.6, next);
          const events: Array<[string, number]> = [
            [CAMPAIGN_VISIT, visits],
            ['guide_viewed', guide],
            ['eligibility_answered:eligible_chip', Math.round(checks * 0.35)],
            ['eligibility_answered:eligible_legacy', Math.round(checks * 0.45)],
            ['eligibility_answered:eligible_not_sure', Math.round(checks * 0.08)],
            ['eligibility_answered:not_eligible_card_expired', checks - Math.round(checks * 0.35) - Math.round(checks * 0.45) - Math.round(checks * 0.08)],
          ];
          for (const [event, count] of events) add(day, locale, c.code, event, count);
          const chip = Math.round(started * 0.4);
          for (const [path, s, i] of [
            ['chip', chip, Math.min(chip, Math.round(issued * 0.45))],
            ['office', started - chip, issued - Math.min(chip, Math.round(issued * 0.45))],
          ] as const) {
            add(day, locale, c.code, 'enrollment_started', s, path);
            add(day, locale, c.code, 'issued', i, path);
          }
        }
      }
    }
    if (p.key === 'embassy') {
      await tx.insert(communityDayRequests).values({
        partnerId: partner!.id,
        venue: 'Embassy hall',
        address: 'Demo-ro 12, Jongno-gu, Seoul',
        preferredDates: [14, 21].map((d) => new Date(now.getTime() + d * 86_400_000 + 9 * 3600_000).toISOString().slice(0, 10)),
        languages: ['km', 'ko'],
        expectedPeople: 60,
        createdAt: new Date(now.getTime() - 2 * 86_400_000),
      });
    }
  }
  const rows = [...counters.values()];
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insert(funnelDaily)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [funnelDaily.day, funnelDaily.locale, funnelDaily.campaign, funnelDaily.path, funnelDaily.event],
        set: { count: sql`${funnelDaily.count} + excluded.count` },
      });
  }
}
