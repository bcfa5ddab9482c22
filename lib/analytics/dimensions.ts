// The dimensions the adoption dashboard cuts by, the age bands, the
// issuance paths and the events counted, and the rules that place one
// mobile card in them on a given day: one module, so the live counters,
// the bulk rebuilds (SQL) and the queries agree.
import { ageOn, birthdayOfAge } from '@/lib/eligibility';

/** In this order everywhere: a marginal's dims are named and valued in it. */
export const DIMENSIONS = ['nationality', 'region', 'residenceStatus', 'ageBand', 'cardKind', 'language', 'campaign'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The registry's dimensions: the eligible population has no campaign. */
export const POPULATION_DIMENSIONS = DIMENSIONS.filter((d) => d !== 'campaign') as Exclude<Dimension, 'campaign'>[];

/** The column of each dimension in the rollup tables. */
export const DIMENSION_COLUMNS: Record<Dimension, string> = {
  nationality: 'nationality',
  region: 'region',
  residenceStatus: 'residence_status',
  ageBand: 'age_band',
  cardKind: 'card_kind',
  language: 'language',
  campaign: 'campaign',
};

export type DimensionValues = Record<Dimension, string>;

export const AGE_BANDS = ['14-19', '20-29', '30-39', '40-49', '50-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
/** The ages at which a holder moves to the next band. */
export const BAND_BOUNDARIES = [20, 30, 40, 50, 60] as const;

/** The age band on a day (null under 14: never counted, never eligible). */
export function ageBandOn(birthDate: string, day: string): AgeBand | null {
  const age = ageOn(birthDate, day);
  if (age < 14) return null;
  if (age >= 60) return '60+';
  return AGE_BANDS[Math.floor(age / 10) - 1] ?? '14-19';
}

export function nextBand(band: AgeBand): AgeBand | null {
  const i = AGE_BANDS.indexOf(band);
  return i >= 0 && i < AGE_BANDS.length - 1 ? AGE_BANDS[i + 1]! : null;
}

export const CARD_KINDS = ['chip', 'legacy'] as const;

/** How the card reached the phone: chip self-service, officer QR at an office, video check, community day, reissue. */
export const ISSUANCE_PATHS = ['chip', 'office', 'video', 'community', 'reissue'] as const;
export type IssuancePath = (typeof ISSUANCE_PATHS)[number];

export const HAPPENED_EVENTS = ['issued', 'revoked', 'locked'] as const;
export const SCHEDULED_EVENTS = ['aged_out', 'aged_in', 'expired'] as const;
export type AdoptionEvent = (typeof HAPPENED_EVENTS)[number] | (typeof SCHEDULED_EVENTS)[number];
/** Each event's effect on the number of active cards. */
export const EVENT_SIGN: Record<AdoptionEvent, 1 | -1> = { issued: 1, aged_in: 1, revoked: -1, locked: -1, aged_out: -1, expired: -1 };

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export type ScheduledChange = { day: string; event: (typeof SCHEDULED_EVENTS)[number]; ageBand: AgeBand };

/**
 * What will happen to a card issued on `issuedOn` without anyone doing
 * anything: each birthday that moves its holder to the next band (out of
 * one band, into the next, on that day) while the physical card is valid,
 * and its end the day after the card expires. All after `issuedOn`.
 */
export function scheduledChanges(birthDate: string, issuedOn: string, cardExpiresOn: string): ScheduledChange[] {
  const out: ScheduledChange[] = [];
  let band = ageBandOn(birthDate, issuedOn);
  if (!band) return out;
  for (const age of BAND_BOUNDARIES) {
    const day = birthdayOfAge(birthDate, age);
    if (day <= issuedOn || day > cardExpiresOn) continue;
    const to = nextBand(band);
    if (!to) break;
    out.push({ day, event: 'aged_out', ageBand: band }, { day, event: 'aged_in', ageBand: to });
    band = to;
  }
  // A card issued after its physical card expired (never, by the rules) ends the day it starts.
  if (cardExpiresOn >= '9999-12-31') return out;
  const end = nextDay(cardExpiresOn);
  out.push({ day: end > issuedOn ? end : issuedOn, event: 'expired', ageBand: band });
  return out;
}

// ---------------------------------------------------------------- marginals

/** A set of at most two dimensions, named in DIMENSIONS order: '' (none), 'nationality', 'nationality+region'. */
export function marginalKey(dims: readonly Dimension[]): string {
  return sortDimensions(dims).join('+');
}

export function sortDimensions(dims: readonly Dimension[]): Dimension[] {
  return [...new Set(dims)].sort((x, y) => DIMENSIONS.indexOf(x) - DIMENSIONS.indexOf(y));
}

/** Every set of at most two of `dims`: the marginals kept for each combination. */
export function marginalSets(dims: readonly Dimension[]): Dimension[][] {
  const sets: Dimension[][] = [[]];
  for (let i = 0; i < dims.length; i++) {
    sets.push([dims[i]!]);
    for (let j = i + 1; j < dims.length; j++) sets.push([dims[i]!, dims[j]!]);
  }
  return sets;
}

/** The stock's and the population's marginals: every set of at most two dimensions (they have no day: small). */
export const ADOPTION_MARGINALS = marginalSets(DIMENSIONS);
export const POPULATION_MARGINALS = marginalSets(POPULATION_DIMENSIONS);
/** The daily events' marginals: the total and each dimension alone (with a day, pairs would outgrow the events). */
export const DAILY_MARGINALS = ADOPTION_MARGINALS.filter((set) => set.length <= 1);

/** The marginal rows (dims, a, b) one full combination adds to. */
export function marginalRowsOf(values: Partial<DimensionValues>, sets: readonly Dimension[][] = ADOPTION_MARGINALS): Array<{ dims: string; a: string; b: string }> {
  return sets.map((set) => ({ dims: set.join('+'), a: set[0] ? values[set[0]]! : '', b: set[1] ? values[set[1]]! : '' }));
}

// ---------------------------------------------------------------- histograms

/** Time from the first step to the card, bucket lower edges in minutes (the last is open). */
export const ISSUANCE_TIME_EDGES_MIN = [0, 5, 15, 30, 60, 120, 240, 480, 1440, 2880, 4320, 7200, 10080, 20160, 30240, 43200, 86400] as const;
/** Booking wait (slot start − booking), bucket lower edges in hours (the last is open). */
export const BOOKING_WAIT_EDGES_H = [0, 24, 48, 72, 120, 168, 240, 336, 504, 720, 1080, 1440] as const;

export function bucketOf(edges: readonly number[], value: number): number {
  let bucket = 0;
  for (let i = 0; i < edges.length; i++) if (value >= edges[i]!) bucket = i;
  return bucket;
}

/**
 * The median of a histogram, read approximately: the bucket that holds the
 * middle observation, interpolated linearly inside it (for the open last
 * bucket, its lower edge). Null when empty.
 */
export function histogramMedian(edges: readonly number[], counts: readonly number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const half = total / 2;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    if (c > 0 && seen + c >= half) {
      const low = edges[i]!;
      const high = edges[i + 1];
      if (high === undefined) return low;
      return low + ((half - seen) / c) * (high - low);
    }
    seen += c;
  }
  return edges[edges.length - 1]!;
}
