// The analyst dashboard as published: every panel's figures, protected
// (suppression.ts) before they leave this module, as tables with the same
// shape for the page, its charts and the CSV export. Labels are keys
// (dimension values, steps, paths, days); the page writes them in the
// reader's language.
import type { Executor } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';
import {
  activeCards,
  adoptionSeries,
  bookingWaits,
  eligibleResidents,
  funnelCounts,
  issuanceTimes,
  issuedByPath,
  lockedByWeek,
  populationDay,
  type Counts,
} from './dashboard';
import {
  AGE_BANDS,
  BOOKING_WAIT_EDGES_H,
  CARD_KINDS,
  DIMENSIONS,
  ISSUANCE_PATHS,
  ISSUANCE_TIME_EDGES_MIN,
  histogramMedian,
  nextDay,
  type Dimension,
} from './dimensions';
import type { DashboardFilters } from './filters';
import { rollAdoptionCalendar } from './rebuild';
import { readAdoptionTarget, type AdoptionTarget } from './target';
import { MIN_SHOWN, protectCount, protectList, protectTable, shownRate, type Shown } from './suppression';

/** A published cell: a protected count (null = "<10"), a rate 0–1 or a duration (null = not shown). */
export type ReportCell =
  | { kind: 'count'; value: Shown }
  | { kind: 'rate'; value: number | null }
  | { kind: 'minutes'; value: number | null }
  | { kind: 'hours'; value: number | null };

/** What a row's key is, so the page can name it. */
export type RowKeyKind = Dimension | 'measure' | 'day' | 'week' | 'step' | 'stop' | 'path' | 'outcome' | 'funnelPath' | 'locale';

export type ReportRow = { key: string; cells: ReportCell[] };

export const TABLE_IDS = [
  'summary',
  'series',
  ...DIMENSIONS.map((d) => `by-${d}` as const),
  'paths',
  'funnel',
  'stops-by-path',
  'stops-by-language',
  'eligibility',
  'booking-waits',
  'loss-weekly',
] as const;
export type TableId = (typeof TABLE_IDS)[number];

export type ReportTable = {
  id: TableId;
  keyKind: RowKeyKind;
  /** Column ids (message keys under the dashboard's columns), after the row key's column. */
  columns: string[];
  rows: ReportRow[];
  /** The totals row, when the table has one. */
  total: ReportCell[] | null;
  /** Which filters the table follows: all, or only the day range, language and campaign (the funnel is anonymous). */
  follows: 'all' | 'range-language-campaign' | 'range-language';
};

export type DashboardReport = {
  filters: DashboardFilters;
  today: string;
  /** The day the eligible population was counted on (null before the first count). */
  populationDay: string | null;
  target: AdoptionTarget | null;
  tables: Record<TableId, ReportTable>;
};

const count = (value: Shown): ReportCell => ({ kind: 'count', value });
const rate = (value: number | null): ReportCell => ({ kind: 'rate', value });

function nonNegative(n: number): number {
  return n > 0 ? n : 0;
}

/** The funnel's steps as lib/enrollment counts them (funnel_daily events). */
export const FUNNEL_STEPS = ['enrollment_started', 'sms_sent', 'sms_verified', 'issued'] as const;
/** Where an enrollment can stop: before its code was sent (identification, refusals), at the code, at the chip, at the passkey. */
export const STOP_POINTS = ['before_code', 'at_code', 'at_chip', 'at_passkey'] as const;
/** The paths lib/enrollment counts in funnel_daily (a community day is an office grant there). */
export const FUNNEL_PATHS = ['chip', 'office', 'video', 'reissue'] as const;
export const ELIGIBILITY_OUTCOMES = [
  'eligible_chip',
  'eligible_legacy',
  'eligible_not_sure',
  'not_eligible_no_card',
  'not_eligible_under_14',
  'not_eligible_card_expired',
  'not_eligible_phone_not_own',
] as const;

function stopsOf(events: Map<string, Counts>, key: string, path: string | null): Record<(typeof STOP_POINTS)[number], number> {
  const at = (event: string) => events.get(event)?.get(key) ?? 0;
  const chipPath = path === 'chip' || path === 'reissue';
  const started = at('enrollment_started');
  const sent = at('sms_sent');
  const verified = at('sms_verified');
  const chip = at('chip_verified');
  const issued = at('issued');
  if (path === null) {
    // Every path together: the chip step only on the chip paths.
    return { before_code: nonNegative(started - sent), at_code: nonNegative(sent - verified), at_chip: 0, at_passkey: 0 };
  }
  return {
    before_code: nonNegative(started - sent),
    at_code: nonNegative(sent - verified),
    at_chip: chipPath ? nonNegative(verified - chip) : 0,
    at_passkey: nonNegative((chipPath ? chip : verified) - issued),
  };
}

// Many analysts (or one impatient one) asking for the same view at once get
// one computation: a request that arrives while the same report (same
// filters, same day, same database) is being computed shares its answer,
// which is at most that computation's age old. Nothing is kept afterwards:
// the next request computes afresh.
//
// A new computation first yields to the event loop once (setImmediate). On
// the embedded database every query runs in this process and answers in a
// microtask, so a report computed at once would run start to end before the
// requests already waiting on their sockets were even read — each would
// then compute its own, one after another (30 ms each here). After the
// yield, those requests reach this point and join the computation.
const inFlight = new WeakMap<object, Map<string, Promise<DashboardReport>>>();

/** Builds every panel of the dashboard for the filters, protected. */
export function buildDashboardReport(db: Executor, clock: Clock, filters: DashboardFilters): Promise<DashboardReport> {
  const key = `${seoulDay(clock.now())} ${JSON.stringify(filters, Object.keys(filters).sort())}`;
  let running = inFlight.get(db);
  if (!running) inFlight.set(db, (running = new Map()));
  const shared = running.get(key);
  if (shared) return shared;
  const computing = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => computeDashboardReport(db, clock, filters))
    .finally(() => running.delete(key));
  running.set(key, computing);
  return computing;
}

async function computeDashboardReport(db: Executor, clock: Clock, filters: DashboardFilters): Promise<DashboardReport> {
  const today = seoulDay(clock.now());
  // Band moves and expiries whose day has come join the stock first (once a day; rollups only).
  await rollAdoptionCalendar(db, clock);
  const [eligibleAll, activeAll, target, asOf] = await Promise.all([
    eligibleResidents(db, filters),
    activeCards(db, clock, filters, filters.to),
    readAdoptionTarget(db),
    populationDay(db),
  ]);
  const eligibleTotal = eligibleAll.get('') ?? 0;
  const activeTotal = activeAll.get('') ?? 0;
  const tables = {} as Record<TableId, ReportTable>;

  // ---- breakdowns: active cards at the end of the range, eligible residents, rate
  for (const d of DIMENSIONS) {
    const [active, eligible] = [await activeCards(db, clock, filters, filters.to, d), await eligibleResidents(db, filters, d)];
    const fixed: readonly string[] | null = d === 'ageBand' ? AGE_BANDS : d === 'cardKind' ? CARD_KINDS : null;
    const keys = (fixed ?? [...new Set([...eligible.keys(), ...active.keys()])].sort()).filter((k) => (filters[d] === undefined ? true : k === filters[d]));
    const activeShown = protectList(keys.map((k) => active.get(k) ?? 0));
    const withEligible = d !== 'campaign';
    const eligibleShown = withEligible ? protectList(keys.map((k) => eligible.get(k) ?? 0)) : null;
    const eligibleBase = eligibleShown ? null : protectList([eligibleTotal]).total;
    tables[`by-${d}`] = {
      id: `by-${d}`,
      keyKind: d,
      columns: withEligible ? ['active', 'eligible', 'rate'] : ['active', 'shareOfEligible'],
      rows: keys.map((key, i) => ({
        key,
        cells: withEligible
          ? [count(activeShown.counts[i]!), count(eligibleShown!.counts[i]!), rate(shownRate(activeShown.counts[i]!, eligibleShown!.counts[i]!))]
          : [count(activeShown.counts[i]!), rate(shownRate(activeShown.counts[i]!, eligibleBase))],
      })),
      total: withEligible
        ? [count(activeShown.total), count(eligibleShown!.total), rate(shownRate(activeShown.total, eligibleShown!.total))]
        : [count(activeShown.total), rate(shownRate(activeShown.total, eligibleBase))],
      follows: 'all',
    };
  }

  // ---- summary
  const activeShown = protectCount(activeTotal);
  const eligibleShown = protectCount(eligibleTotal);
  const issued = await issuedByPath(db, filters);
  const issuedTotal = [...issued.values()].reduce((a, b) => a + b, 0);
  tables.summary = {
    id: 'summary',
    keyKind: 'measure',
    columns: ['value'],
    rows: [
      { key: 'active', cells: [count(activeShown)] },
      { key: 'eligible', cells: [count(eligibleShown)] },
      { key: 'rate', cells: [rate(shownRate(activeShown, eligibleShown))] },
      { key: 'issuedInRange', cells: [count(protectCount(issuedTotal))] },
      { key: 'target', cells: [rate(target ? target.percent / 100 : null)] },
    ],
    total: null,
    follows: 'all',
  };

  // ---- the daily series
  const series = await adoptionSeries(db, clock, filters);
  tables.series = {
    id: 'series',
    keyKind: 'day',
    columns: ['active', 'rate'],
    rows: series.map((p) => {
      const shown = protectCount(p.active);
      return { key: p.day, cells: [count(shown), rate(shownRate(shown, eligibleShown))] };
    }),
    total: null,
    follows: 'all',
  };

  // ---- issuance paths: cards issued in the range, their share, the median time to the card
  const times = await issuanceTimes(db, filters);
  const issuedShown = protectList(ISSUANCE_PATHS.map((p) => issued.get(p) ?? 0));
  tables.paths = {
    id: 'paths',
    keyKind: 'path',
    columns: ['issued', 'share', 'timed', 'medianTime'],
    rows: ISSUANCE_PATHS.map((path, i) => {
      const histogram = times.get(path) ?? [];
      const observed = histogram.reduce((a, b) => a + b, 0);
      return {
        key: path,
        cells: [
          count(issuedShown.counts[i]!),
          rate(shownRate(issuedShown.counts[i]!, issuedShown.total)),
          count(protectCount(observed)),
          { kind: 'minutes', value: observed >= MIN_SHOWN ? histogramMedian(ISSUANCE_TIME_EDGES_MIN, histogram) : null },
        ],
      };
    }),
    total: [count(issuedShown.total), rate(issuedShown.total === null ? null : 1), { kind: 'count', value: null }, { kind: 'minutes', value: null }],
    follows: 'all',
  };
  // The timed count of the total row: the sum over paths, protected on its own.
  const allTimes = [...times.values()].reduce((a, h) => a + h.reduce((x, y) => x + y, 0), 0);
  tables.paths.total![2] = count(protectCount(allTimes));

  // ---- the enrollment funnel (anonymous until identification: day range, language, campaign)
  const funnelEvents = await funnelCounts(db, filters, { equal: [...FUNNEL_STEPS, 'chip_verified'] }, 'path');
  const stepTotals = FUNNEL_STEPS.map((step) => [...(funnelEvents.get(step)?.values() ?? [])].reduce((a, b) => a + b, 0));
  const stepShown = stepTotals.map(protectCount);
  tables.funnel = {
    id: 'funnel',
    keyKind: 'step',
    columns: ['count', 'dropOff', 'fromStart'],
    rows: FUNNEL_STEPS.map((step, i) => {
      const before = i > 0 ? stepShown[i - 1]! : null;
      const here = stepShown[i]!;
      return {
        key: step,
        cells: [
          count(here),
          count(i === 0 || before === null || here === null ? null : Math.max(0, before - here)),
          rate(shownRate(here, stepShown[0]!)),
        ],
      };
    }),
    total: null,
    follows: 'range-language-campaign',
  };
  // A drop-off is a difference of published counts: it is shown only when both are, and is itself "<10" below 10.
  for (const row of tables.funnel.rows.slice(1)) {
    const cell = row.cells[1]!;
    if (cell.kind === 'count' && cell.value !== null && cell.value < MIN_SHOWN) cell.value = null;
  }

  // ---- where enrollments stop: by step × path, and by language
  const stops = FUNNEL_PATHS.map((path) => stopsOf(funnelEvents, path, path));
  const byPath = protectTable({ cells: STOP_POINTS.map((s) => FUNNEL_PATHS.map((_, j) => stops[j]![s])), rowTotals: true, columnTotals: true });
  tables['stops-by-path'] = {
    id: 'stops-by-path',
    keyKind: 'stop',
    columns: [...FUNNEL_PATHS.map((p) => `path.${p}`), 'total'],
    rows: STOP_POINTS.map((stop, i) => ({ key: stop, cells: [...byPath.cells[i]!.map(count), count(byPath.rowTotals![i]!)] })),
    total: [...byPath.columnTotals!.map(count), count(byPath.total)],
    follows: 'range-language-campaign',
  };
  const byLocaleEvents = await funnelCounts(db, filters, { equal: [...FUNNEL_STEPS, 'chip_verified'] }, 'locale');
  // Per language, the stops of each path are summed (funnel_daily keeps locale and path apart; the path split is above).
  const byLocalePath = await funnelLocalePathStops(db, filters);
  const localeKeys = [...new Set([...(byLocaleEvents.get('enrollment_started')?.keys() ?? [])])].sort();
  const localeStops = localeKeys.map((l) => byLocalePath.get(l) ?? { before_code: 0, at_code: 0, at_chip: 0, at_passkey: 0 });
  const byLanguage = protectTable({ cells: localeStops.map((s) => STOP_POINTS.map((p) => s[p])), rowTotals: true, columnTotals: true });
  tables['stops-by-language'] = {
    id: 'stops-by-language',
    keyKind: 'locale',
    columns: [...STOP_POINTS.map((s) => `stop.${s}`), 'total'],
    rows: localeKeys.map((l, i) => ({ key: l, cells: [...byLanguage.cells[i]!.map(count), count(byLanguage.rowTotals![i]!)] })),
    total: localeKeys.length ? [...byLanguage.columnTotals!.map(count), count(byLanguage.total)] : null,
    follows: 'range-language-campaign',
  };

  // ---- the eligibility checker's answers, by outcome (reason)
  const answers = await funnelCounts(db, filters, { prefix: 'eligibility_answered:' });
  const outcomeCounts = ELIGIBILITY_OUTCOMES.map((o) => [...(answers.get(`eligibility_answered:${o}`)?.values() ?? [])].reduce((a, b) => a + b, 0));
  const outcomesShown = protectList(outcomeCounts);
  tables.eligibility = {
    id: 'eligibility',
    keyKind: 'outcome',
    columns: ['answers', 'share'],
    rows: ELIGIBILITY_OUTCOMES.map((o, i) => ({ key: o, cells: [count(outcomesShown.counts[i]!), rate(shownRate(outcomesShown.counts[i]!, outcomesShown.total))] })),
    total: [count(outcomesShown.total), rate(outcomesShown.total === null ? null : 1)],
    follows: 'range-language-campaign',
  };

  // ---- booking wait by language
  const waits = await bookingWaits(db, filters);
  const waitKeys = [...waits.keys()].sort();
  const bookingsShown = protectList(waitKeys.map((l) => waits.get(l)!.reduce((a, b) => a + b, 0)));
  tables['booking-waits'] = {
    id: 'booking-waits',
    keyKind: 'locale',
    columns: ['bookings', 'medianWait'],
    rows: waitKeys.map((l, i) => {
      const h = waits.get(l)!;
      const n = h.reduce((a, b) => a + b, 0);
      return { key: l, cells: [count(bookingsShown.counts[i]!), { kind: 'hours', value: n >= MIN_SHOWN ? histogramMedian(BOOKING_WAIT_EDGES_H, h) : null }] };
    }),
    total: waitKeys.length
      ? [
          count(bookingsShown.total),
          (() => {
            const all = BOOKING_WAIT_EDGES_H.map((_, b) => waitKeys.reduce((a, l) => a + (waits.get(l)![b] ?? 0), 0));
            const n = all.reduce((a, b) => a + b, 0);
            return { kind: 'hours', value: n >= MIN_SHOWN ? histogramMedian(BOOKING_WAIT_EDGES_H, all) : null } as ReportCell;
          })(),
        ]
      : null,
    follows: 'range-language',
  };

  // ---- loss reports and locked cards per week
  const reports = await funnelCounts(db, { ...filters, campaign: undefined }, { equal: ['loss_reported'] }, 'week');
  const locked = await lockedByWeek(db, filters);
  const weeks: string[] = [];
  for (let d = mondayOf(filters.from); d <= filters.to; d = addDays(d, 7)) weeks.push(d);
  const reportShown = protectList(weeks.map((w) => reports.get('loss_reported')?.get(w) ?? 0));
  const lockedShown = protectList(weeks.map((w) => locked.get(w) ?? 0));
  tables['loss-weekly'] = {
    id: 'loss-weekly',
    keyKind: 'week',
    columns: ['lossReports', 'lockedCards'],
    rows: weeks.map((w, i) => ({ key: w, cells: [count(reportShown.counts[i]!), count(lockedShown.counts[i]!)] })),
    total: [count(reportShown.total), count(lockedShown.total)],
    follows: 'all',
  };

  return { filters, today, populationDay: asOf, target, tables };
}

/** Stops per language, each path's own steps (the chip step only where it applies), summed over paths. */
async function funnelLocalePathStops(db: Executor, filters: DashboardFilters): Promise<Map<string, Record<(typeof STOP_POINTS)[number], number>>> {
  const out = new Map<string, Record<(typeof STOP_POINTS)[number], number>>();
  const events = await funnelCountsByLocaleAndPath(db, filters);
  for (const [locale, byPath] of events) {
    const sum = { before_code: 0, at_code: 0, at_chip: 0, at_passkey: 0 };
    for (const path of FUNNEL_PATHS) {
      const s = stopsOf(byPath, path, path);
      for (const k of STOP_POINTS) sum[k] += s[k];
    }
    out.set(locale, sum);
  }
  return out;
}

async function funnelCountsByLocaleAndPath(db: Executor, filters: DashboardFilters): Promise<Map<string, Map<string, Counts>>> {
  const out = new Map<string, Map<string, Counts>>();
  for (const path of FUNNEL_PATHS) {
    const events = await funnelCounts(db, { ...filters }, { equal: [...FUNNEL_STEPS, 'chip_verified'] }, 'locale', path);
    for (const [event, byLocale] of events) {
      for (const [locale, n] of byLocale) {
        const perLocale = out.get(locale) ?? new Map<string, Counts>();
        const counts = perLocale.get(event) ?? new Map<string, number>();
        counts.set(path, (counts.get(path) ?? 0) + n);
        perLocale.set(event, counts);
        out.set(locale, perLocale);
      }
    }
  }
  return out;
}

function addDays(day: string, n: number): string {
  let d = day;
  for (let i = 0; i < n; i++) d = nextDay(d);
  return d;
}

/** The Monday of the week of `day` (weeks as date_trunc('week') makes them). */
function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}
