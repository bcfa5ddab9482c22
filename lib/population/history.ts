// The demo's believable past (issue 11): from 2025-01-10, when the mobile
// card began, to the day of the seed, which residents of the seeded
// population got it, when, on which path and through which campaign — and
// the funnel, checker answers, booking waits and loss reports around them.
// Under 1% of eligible residents by April 2025 (chip cards only, and few of
// those yet), then rising: outreach campaigns lift their language
// communities for some weeks, community days bring an association's
// legacy-card holders to an officer on a Saturday, and from July 2025 the
// video check opens the way for every legacy card.
//
// Only counters are written (the rollups and funnel_daily): the past has no
// credential, enrollment or booking rows, so the live demo starts with
// empty raw tables and its own events add to this history. Deterministic
// for a seed and a day. Runs as a demo extension, in its transaction.
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';
import { birthdayOfAge } from '@/lib/eligibility';
import {
  BOOKING_WAIT_EDGES_H,
  HISTORY_START,
  TARGET_SETTING,
  rebuildAdoptionRollups,
  refreshAdoptionPopulation,
} from '@/lib/analytics';
import { Rng, hashString } from './random';

const DAY_MS = 86_400_000;
/** The video check opens for legacy cards. */
const VIDEO_FROM = '2025-07-01';
/** Community days (Saturdays) start. */
const COMMUNITY_FROM = '2025-05-17';

/** A campaign of the demo: the code on its posters, the languages it speaks to, the day it starts. */
export type HistoryCampaign = { code: string; languages: readonly string[]; launch: string };

/**
 * Earlier campaigns of the demo's past, launched through 2025 and 2026
 * (the partners' current ones come from lib/outreach's demo: their funnel
 * counters decide how many cards they brought).
 */
export const DEMO_HISTORY_CAMPAIGNS: readonly HistoryCampaign[] = [
  { code: 'VNANSAN25', languages: ['vi'], launch: '2025-04-14' },
  { code: 'NPEMB25', languages: ['ne'], launch: '2025-06-09' },
  { code: 'KHTEMPLE25', languages: ['km'], launch: '2025-08-18' },
  { code: 'UZSTUD25', languages: ['uz', 'ru'], launch: '2025-10-06' },
  { code: 'CNGURO25', languages: ['zh-CN', 'ko'], launch: '2025-11-17' },
  { code: 'PHPARISH26', languages: ['tl'], launch: '2026-02-02' },
  { code: 'THWORK26', languages: ['th'], launch: '2026-04-13' },
  { code: 'MNASSOC26', languages: ['mn'], launch: '2026-06-01' },
  { code: 'IDCREW26', languages: ['id'], launch: '2026-08-17' },
];

/** Languages whose speakers wait longer for an interpreter, and more often lack a phone in their own name. */
const HARDER_LANGUAGES = new Set(['km', 'my', 'lo', 'si', 'ne', 'bn', 'uz', 'kk', 'mn']);

type Resident = {
  id: number;
  nationality: string;
  region: string;
  birthDate: string;
  language: string;
  registeredAt: string;
  kind: 'chip' | 'legacy';
  cardIssuedOn: string;
  cardExpiresOn: string;
};

type HistoryCard = { residentId: number; issuedAt: number; endedAt: number | null; endEvent: 'revoked' | 'locked' | null; path: string; campaign: string; startedAt: number };

export type HistorySummary = { cards: number; issued: number; locked: number; days: number; ms: number };

const dayIndex = (day: string, start: number) => Math.round((Date.parse(`${day}T00:00:00Z`) - start) / DAY_MS);
const dayOf = (index: number, start: number) => new Date(start + index * DAY_MS).toISOString().slice(0, 10);

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/**
 * Writes the history up to today (in Korea), replacing any adoption
 * rollups and adding to the funnel counters (the partners' demo campaigns
 * wrote theirs before: the cards they issued become cards of this history),
 * then counts the eligible population of today.
 */
export async function seedAdoptionHistory(tx: Executor, clock: Clock, context: { seed: string }): Promise<HistorySummary> {
  const started = performance.now();
  const now = clock.now().getTime();
  const today = seoulDay(clock.now());
  const start = Date.parse(`${HISTORY_START}T00:00:00Z`);
  const days = dayIndex(today, start);
  if (days <= 0) return { cards: 0, issued: 0, locked: 0, days: 0, ms: 0 };
  const rng = new Rng(hashString(`${context.seed}:adoption-history`));
  const campaigns = DEMO_HISTORY_CAMPAIGNS;

  const residents = rowsOf<Record<string, string | number>>(
    await tx.execute(sql`
      select r.id, r.nationality, r.region, r.birth_date::text as birth_date, r.preferred_language as language, r.registered_at::text as registered_at,
             k.kind::text as kind, k.issued_on::text as issued_on, k.expires_on::text as expires_on
        from residents r join cards k on k.resident_id = r.id and k.replaced_at is null
       where k.serial !~ '^(IC|RC)9'
       order by r.id`),
  ).map(
    (r): Resident => ({
      id: Number(r.id),
      nationality: String(r.nationality),
      region: String(r.region),
      birthDate: String(r.birth_date),
      language: String(r.language),
      registeredAt: String(r.registered_at),
      kind: r.kind === 'chip' ? 'chip' : 'legacy',
      cardIssuedOn: String(r.issued_on),
      cardExpiresOn: String(r.expires_on),
    }),
  );

  // ---- the daily hazard of getting the card, per card kind and language
  const videoFrom = dayIndex(VIDEO_FROM, start);
  const april = dayIndex('2025-04-01', start);
  const base = (d: number) => (d < april ? 0.000045 : 0.00022 + (0.00042 * (d - april)) / Math.max(1, days - april));
  const campaignBoost = (language: string, d: number): { factor: number; code: string } => {
    let best = { factor: 1, code: '' };
    for (const c of campaigns) {
      if (!c.languages.includes(language)) continue;
      const t = d - dayIndex(c.launch, start);
      if (t < 0 || t > 75) continue;
      const factor = 1 + 3 * Math.exp(-t / 18);
      if (factor > best.factor) best = { factor, code: c.code };
    }
    return best;
  };
  const cumulative = new Map<string, Float64Array>();
  const hazardOf = (kind: 'chip' | 'legacy', language: string): Float64Array => {
    const key = `${kind}|${language}`;
    let h = cumulative.get(key);
    if (!h) {
      h = new Float64Array(days + 2);
      for (let d = 0; d <= days; d++) {
        const path = kind === 'chip' ? 2.6 : d < videoFrom ? 0.22 : 0.62;
        const harder = HARDER_LANGUAGES.has(language) ? 0.8 : 1;
        h[d + 1] = h[d]! + base(d) * path * harder * campaignBoost(language, d).factor;
      }
      cumulative.set(key, h);
    }
    return h;
  };

  const cards: HistoryCard[] = [];
  const adopted = new Set<number>();
  const issueTime = (d: number) => start + d * DAY_MS + Math.floor(rng.next() * 12 * 3600_000); // 09:00–21:00 in Korea
  const window = (r: Resident): [number, number] => {
    const lower = [HISTORY_START, r.registeredAt, birthdayOfAge(r.birthDate, 14), r.cardIssuedOn].reduce((a, b) => (a > b ? a : b));
    const upper = r.cardExpiresOn < today ? r.cardExpiresOn : today;
    return [Math.max(0, dayIndex(lower, start)), Math.min(days, dayIndex(upper, start))];
  };
  const pathFor = (r: Resident, d: number): string => {
    if (r.kind === 'chip') return 'chip';
    if (d >= videoFrom && rng.chance(0.45)) return 'video';
    return 'office';
  };
  const startFor = (path: string, issuedAt: number): number => {
    const minutes = (lo: number, hi: number) => (lo + rng.next() * (hi - lo)) * 60_000;
    switch (path) {
      case 'chip':
      case 'reissue':
        return issuedAt - minutes(4, 45);
      case 'video':
        return issuedAt - minutes(60 * 24 * 1, 60 * 24 * 13);
      case 'community':
        return issuedAt - minutes(60 * 24 * 5, 60 * 24 * 30);
      default:
        // Walk-ins at the office, or a booked visit.
        return rng.chance(0.3) ? issuedAt - minutes(60 * 24 * 2, 60 * 24 * 20) : issuedAt - minutes(15, 90);
    }
  };

  for (const r of residents) {
    const [lo, hi] = window(r);
    if (lo > hi) continue;
    const h = hazardOf(r.kind, r.language);
    const propensity = Math.exp((rng.next() - 0.5) * 1.6);
    const target = h[lo]! + -Math.log(1 - rng.next()) / propensity;
    if (h[hi + 1]! < target) continue;
    let a = lo;
    let b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (h[mid + 1]! >= target) b = mid;
      else a = mid + 1;
    }
    const issuedAt = issueTime(a);
    if (issuedAt >= now) continue;
    const path = pathFor(r, a);
    const boost = campaignBoost(r.language, a);
    const campaign = boost.code && rng.chance((boost.factor - 1) / boost.factor) ? boost.code : '';
    cards.push({ residentId: r.id, issuedAt, endedAt: null, endEvent: null, path, campaign, startedAt: startFor(path, issuedAt) });
    adopted.add(r.id);
  }

  // ---- community days: every other Saturday from mid-May 2025, an association's legacy-card holders in one region
  const legacyByPlace = new Map<string, Resident[]>();
  for (const r of residents) {
    if (r.kind !== 'legacy') continue;
    const key = `${r.nationality}|${r.region}`;
    const list = legacyByPlace.get(key) ?? [];
    list.push(r);
    legacyByPlace.set(key, list);
  }
  const places = [...legacyByPlace.entries()].filter(([, list]) => list.length >= 20).sort((x, y) => y[1].length - x[1].length).slice(0, 24);
  for (let d = dayIndex(COMMUNITY_FROM, start), n = 0; d <= days && places.length > 0; d += 14, n++) {
    const [, list] = places[n % places.length]!;
    for (const r of list) {
      if (adopted.has(r.id) || !rng.chance(0.05)) continue;
      const [lo, hi] = window(r);
      if (d < lo || d > hi) continue;
      const issuedAt = issueTime(d);
      if (issuedAt >= now) continue;
      cards.push({ residentId: r.id, issuedAt, endedAt: null, endEvent: null, path: 'community', campaign: '', startedAt: startFor('community', issuedAt) });
      adopted.add(r.id);
    }
  }

  // ---- the partners' current campaigns (lib/outreach's demo): as many cards as their funnel counters say were issued
  const outreachIssued = rowsOf<{ day: string; locale: string; campaign: string; path: string; count: number | string }>(
    await tx.execute(sql`
      select f.day::text as day, f.locale, f.campaign, f.path, f.count from funnel_daily f
       where f.event = 'issued' and f.campaign <> '' and f.day >= ${HISTORY_START}::date order by 1, 2, 3, 4`),
  );
  const outreachCodes = new Set<string>();
  if (outreachIssued.length > 0) {
    const waiting = new Map<string, Resident[]>();
    for (const r of residents) {
      if (adopted.has(r.id)) continue;
      const key = `${r.language}|${r.kind}`;
      const list = waiting.get(key) ?? [];
      list.push(r);
      waiting.set(key, list);
    }
    // A small demo population (the journeys') cannot carry the partners' counts: at most a tenth of a language's residents come through them.
    const cap = new Map<string, number>();
    for (const [key, list] of waiting) cap.set(key.split('|')[0]!, (cap.get(key.split('|')[0]!) ?? 0) + Math.floor(list.length / 10));
    for (const row of outreachIssued) {
      outreachCodes.add(row.campaign);
      const d = dayIndex(row.day, start);
      const kind = row.path === 'chip' || row.path === 'reissue' ? 'chip' : 'legacy';
      const pool = waiting.get(`${row.locale}|${kind}`) ?? [];
      for (let k = 0; k < Number(row.count) && (cap.get(row.locale) ?? 0) > 0; k++) {
        const at = pool.findIndex((r) => {
          const [lo, hi] = window(r);
          return d >= lo && d <= hi;
        });
        if (at < 0) break;
        const [r] = pool.splice(at, 1);
        cap.set(row.locale, cap.get(row.locale)! - 1);
        const issuedAt = Math.min(issueTime(d), now - 60_000);
        // The path the partner's counters name (chip or office).
        const path = kind === 'chip' ? 'chip' : 'office';
        cards.push({ residentId: r!.id, issuedAt, endedAt: null, endEvent: null, path, campaign: row.campaign, startedAt: startFor(path, issuedAt) });
        adopted.add(r!.id);
      }
    }
  }

  // ---- a new phone (reissue, the old card revoked) or a lost one (locked, often reissued a few days later)
  let locked = 0;
  const firstCards = [...cards];
  const byResident = new Map(residents.map((r) => [r.id, r]));
  for (const card of firstCards) {
    const r = byResident.get(card.residentId)!;
    const roll = rng.next();
    if (roll > 0.065) continue;
    const lastDay = Math.min(days, dayIndex(r.cardExpiresOn < today ? r.cardExpiresOn : today, start));
    const issuedDay = Math.floor((card.issuedAt - start) / DAY_MS);
    if (lastDay <= issuedDay + 1) continue;
    const endDay = rng.int(issuedDay + 1, lastDay);
    const endedAt = issueTime(endDay);
    if (endedAt >= now) continue;
    if (roll < 0.05) {
      card.endedAt = endedAt;
      card.endEvent = 'revoked';
      cards.push({ residentId: r.id, issuedAt: endedAt, endedAt: null, endEvent: null, path: 'reissue', campaign: '', startedAt: startFor('reissue', endedAt) });
    } else {
      card.endedAt = endedAt;
      card.endEvent = 'locked';
      locked++;
      const again = endedAt + rng.int(1, 10) * DAY_MS;
      if (rng.chance(0.6) && again < now && seoulDay(new Date(again)) <= r.cardExpiresOn) {
        cards.push({ residentId: r.id, issuedAt: again, endedAt: null, endEvent: null, path: r.kind === 'chip' ? 'reissue' : pathFor(r, Math.floor((again - start) / DAY_MS)), campaign: '', startedAt: again - 20 * 60_000 });
      }
    }
  }

  // ---- the rollups, from these cards, through the same SQL as any rebuild
  await tx.execute(sql`create temporary table history_cards (resident_id int, issued_at timestamptz, ended_at timestamptz, end_event text, path text, campaign text, started_at timestamptz) on commit drop`);
  for (let i = 0; i < cards.length; i += 5000) {
    const chunk = cards.slice(i, i + 5000).map((c) => ({
      resident_id: c.residentId,
      issued_at: new Date(c.issuedAt).toISOString(),
      ended_at: c.endedAt === null ? null : new Date(c.endedAt).toISOString(),
      end_event: c.endEvent,
      path: c.path,
      campaign: c.campaign,
      started_at: new Date(c.startedAt).toISOString(),
    }));
    await tx.execute(sql`insert into history_cards select * from json_populate_recordset(null::history_cards, ${JSON.stringify(chunk)}::json)`);
  }
  await rebuildAdoptionRollups(tx, clock, sql`select * from history_cards`);
  await tx.execute(sql`drop table history_cards`);

  // ---- the funnel, checker answers, booking waits and loss reports around these cards
  const funnel = new Map<string, number>();
  const addFunnel = (at: number, locale: string, campaign: string, path: string, event: string, n = 1) => {
    if (n <= 0 || at >= now) return;
    const key = [seoulDay(new Date(at)), locale, campaign, path, event].join('\u0000');
    funnel.set(key, (funnel.get(key) ?? 0) + n);
  };
  const waits = new Map<string, number>();
  const addWait = (at: number, language: string, kind: string, hours: number) => {
    let bucket = 0;
    for (let i = 0; i < BOOKING_WAIT_EDGES_H.length; i++) if (hours >= BOOKING_WAIT_EDGES_H[i]!) bucket = i;
    const key = [seoulDay(new Date(at)), language, kind, bucket].join('\u0000');
    waits.set(key, (waits.get(key) ?? 0) + 1);
  };
  const extra = (p: number) => (rng.chance(p) ? 1 : 0);
  for (const card of cards) {
    const r = byResident.get(card.residentId)!;
    const locale = r.language;
    const funnelPath = card.path === 'community' ? 'office' : card.path;
    const chipPath = funnelPath === 'chip' || funnelPath === 'reissue';
    const harder = HARDER_LANGUAGES.has(locale) ? 1.6 : 1;
    const at = card.issuedAt;
    // Who started alongside this resident and stopped: before the code, at the code, at the chip, at the passkey.
    const stops = chipPath
      ? [extra(0.35), extra(0.1 * harder), extra(0.09), extra(0.05)]
      : [extra(0.06), extra(0.08 * harder), 0, extra(0.05)];
    const [beforeCode, atCode, atChip, atPasskey] = stops as [number, number, number, number];
    // A partner's campaign counted its own starts, issues and checker answers (lib/outreach's demo): only the steps between here.
    const partnerCounted = outreachCodes.has(card.campaign);
    if (!partnerCounted) addFunnel(card.startedAt, locale, card.campaign, funnelPath, 'enrollment_started', 1 + beforeCode + atCode + atChip + atPasskey);
    addFunnel(at, locale, card.campaign, funnelPath, 'sms_sent', 1 + atCode + atChip + atPasskey);
    addFunnel(at, locale, card.campaign, funnelPath, 'sms_verified', 1 + atChip + atPasskey);
    if (chipPath) addFunnel(at, locale, card.campaign, funnelPath, 'chip_verified', 1 + atPasskey);
    addFunnel(at, locale, card.campaign, funnelPath, 'passkey_registered');
    if (!partnerCounted) addFunnel(at, locale, card.campaign, funnelPath, 'issued');
    // The checker, answered before: two answers for each card, outcomes as the language's residents give them.
    for (let k = 0; k < (partnerCounted ? 0 : 2); k++) {
      const x = rng.next();
      const outcome =
        x < 0.3 ? 'eligible_chip' : x < 0.66 ? 'eligible_legacy' : x < 0.73 ? 'eligible_not_sure' : x < 0.77 ? 'not_eligible_no_card' : x < 0.8 ? 'not_eligible_under_14' : x < 0.86 ? 'not_eligible_card_expired' : 'not_eligible_phone_not_own';
      const phoneBarrier = HARDER_LANGUAGES.has(locale) && rng.chance(0.12) ? 'not_eligible_phone_not_own' : outcome;
      addFunnel(card.startedAt - rng.int(1, 20) * DAY_MS, locale, card.campaign, '', `eligibility_answered:${phoneBarrier}`);
    }
    // Bookings: a video check, a community day, a booked office visit; and some booked but never came.
    const booked = card.path === 'video' || card.path === 'community' || (card.path === 'office' && card.issuedAt - card.startedAt > DAY_MS);
    if (booked) {
      const kind = card.path === 'office' ? 'office' : card.path;
      const slack = HARDER_LANGUAGES.has(locale) ? 1.7 : 1;
      addWait(card.startedAt, locale, kind, ((card.issuedAt - card.startedAt) / 3_600_000) * (kind === 'video' ? slack : 1));
      if (rng.chance(0.25)) addWait(card.startedAt + DAY_MS, locale, kind, rng.int(24, 24 * 21) * slack);
    }
    if (card.endEvent === 'locked' && card.endedAt !== null) {
      addFunnel(card.endedAt, locale, '', rng.chance(0.8) ? 'online' : 'officer', 'loss_reported');
      if (rng.chance(0.1)) addFunnel(card.endedAt, locale, '', 'online', 'loss_report_unmatched');
    }
  }
  await addJsonRows(tx, 'funnel_daily', ['day', 'locale', 'campaign', 'path', 'event'], [...funnel].map(([k, n]) => [...k.split('\u0000'), n]));
  await addJsonRows(
    tx,
    'booking_wait_daily',
    ['day', 'language', 'kind', 'bucket'],
    [...waits].map(([k, n]) => {
      const [d, l, kind, b] = k.split('\u0000');
      return [d, l, kind, Number(b), n];
    }),
  );

  await refreshAdoptionPopulation(tx, clock, today);
  // The ministry's target for the demo's series (an admin changes it on the dashboard).
  await tx.execute(sql`
    insert into settings (key, value, updated_at) values (${TARGET_SETTING}, ${JSON.stringify({ percent: 20, setAt: new Date(now).toISOString(), setBy: 'demo' })}::jsonb, now())
    on conflict (key) do nothing`);
  return { cards: cards.length, issued: cards.length, locked, days, ms: Math.round(performance.now() - started) };
}

/** Adds counts to a counter table: rows are its key columns and then the count. */
async function addJsonRows(tx: Executor, table: 'funnel_daily' | 'booking_wait_daily', keys: string[], rows: unknown[][]): Promise<void> {
  const columns = [...keys, 'count'];
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000).map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]])));
    await tx.execute(
      sql`insert into ${sql.identifier(table)} as t (${sql.raw(columns.join(', '))})
          select ${sql.raw(columns.join(', '))} from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(chunk)}::json)
          on conflict (${sql.raw(keys.join(', '))}) do update set count = t.count + excluded.count`,
    );
  }
}
