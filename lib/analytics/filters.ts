// The dashboard's filters: what a view may ask for, checked the same way by
// the page (a GET form) and the CSV export (route()'s query schema).
import { z } from 'zod';
import { isCalendarDay } from '@/lib/clock';
import { AGE_BANDS, CARD_KINDS, type Dimension } from './dimensions';

/** The first day of the history the dashboard shows: the mobile card's first days. */
export const HISTORY_START = '2025-01-10';

/** An empty form field ("all") is no filter. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const day = optional(
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine(isCalendarDay),
);
const code = (pattern: RegExp) => optional(z.string().regex(pattern));
/** "none" stands for residents who came through no campaign ('' in the rollups). */
export const NO_CAMPAIGN = 'none';

export const dashboardQuerySchema = z.object({
  from: day,
  to: day,
  nationality: code(/^[A-Z]{2}$/),
  region: code(/^[a-z]{2,20}$/),
  residenceStatus: code(/^[A-Z]-\d{1,2}$/),
  ageBand: optional(z.enum(AGE_BANDS)),
  cardKind: optional(z.enum(CARD_KINDS)),
  language: code(/^[a-z]{2}(-[A-Z]{2})?$/),
  campaign: code(/^[A-Za-z0-9_-]{1,32}$/),
});

export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export type DashboardFilters = {
  from: string;
  to: string;
} & Partial<Record<Dimension, string>>;

/** Empty form fields ("all") are left out before parsing. */
export function withoutEmpty(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) if (typeof v === 'string' && v !== '') out[k] = v;
  return out;
}

/**
 * The filters of a parsed query: the day range defaults to the whole
 * history up to today (and is clipped to it); the campaign "none" becomes ''.
 */
export function filtersOf(query: DashboardQuery, today: string): DashboardFilters {
  let from = query.from ?? HISTORY_START;
  let to = query.to ?? today;
  if (from < HISTORY_START) from = HISTORY_START;
  if (to > today) to = today;
  if (from > to) [from, to] = [to, from];
  const filters: DashboardFilters = { from, to };
  for (const d of ['nationality', 'region', 'residenceStatus', 'ageBand', 'cardKind', 'language'] as const) {
    if (query[d]) filters[d] = query[d];
  }
  if (query.campaign) filters.campaign = query.campaign === NO_CAMPAIGN ? '' : query.campaign;
  return filters;
}

/** The filters back as a query string (for links and the CSV export). */
export function queryOf(filters: DashboardFilters): Record<string, string> {
  const out: Record<string, string> = { from: filters.from, to: filters.to };
  for (const d of ['nationality', 'region', 'residenceStatus', 'ageBand', 'cardKind', 'language'] as const) {
    if (filters[d] !== undefined) out[d] = filters[d]!;
  }
  if (filters.campaign !== undefined) out.campaign = filters.campaign === '' ? NO_CAMPAIGN : filters.campaign;
  return out;
}

/** The resident dimensions a view is filtered on. */
export function filteredDimensions(filters: DashboardFilters): Dimension[] {
  return (['nationality', 'region', 'residenceStatus', 'ageBand', 'cardKind', 'language', 'campaign'] as const).filter((d) => filters[d] !== undefined);
}
