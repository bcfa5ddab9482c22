// The dashboard's tables as a reader sees them: every label in the reader's
// language (nationalities through Intl.DisplayNames, languages by name,
// regions, paths and steps from the messages), every number through Intl in
// the page's locale, "<10" where a count is hidden. The page renders these;
// the CSV export writes the same cells (numbers plain, "<10" kept).
import { formatDate, leftToRight, formatNumber, type Locale } from '@/lib/i18n';
import { MIN_SHOWN, type DashboardReport, type ReportCell, type ReportTable, type TableId } from '@/lib/analytics';

/** A translator of the staff.dashboard namespace (next-intl's, or the route's). */
export type DashboardT = (key: string, params?: Record<string, string | number>) => string;

export type PresentedCell = {
  /** As the page shows it. */
  text: string;
  /** As the CSV holds it: plain digits, "<10", a rate as a decimal, a duration in minutes or hours, "" when not shown. */
  csv: string;
  /** A count hidden by the small-cell rules. */
  suppressed: boolean;
  /** A rate or a duration that is not shown. */
  missing: boolean;
  /** The value for a chart (a count, a rate in percent, a duration in days), null when not shown. */
  chart: number | null;
};

export type PresentedRow = {
  key: string;
  label: string;
  /** The label is a code (residence status, campaign): isolate it left to right. */
  code: boolean;
  cells: PresentedCell[];
};

export type PresentedTable = {
  id: TableId;
  caption: string;
  headers: string[];
  rows: PresentedRow[];
  total: PresentedRow | null;
  suppressed: boolean;
  follows: ReportTable['follows'];
};

const displayNames = new Map<string, Intl.DisplayNames>();
function names(locale: Locale, type: 'region' | 'language'): Intl.DisplayNames {
  const key = `${locale}|${type}`;
  let n = displayNames.get(key);
  if (!n) displayNames.set(key, (n = new Intl.DisplayNames([locale, 'en'], { type, fallback: 'code' })));
  return n;
}

export function nationalityName(locale: Locale, code: string): string {
  return names(locale, 'region').of(code) ?? code;
}

export function languageName(locale: Locale, code: string): string {
  try {
    return names(locale, 'language').of(code) ?? code;
  } catch {
    return code;
  }
}

/** The name of a dimension's value (nationality, region, age band …). */
export function valueLabel(t: DashboardT, locale: Locale, dimension: string, value: string): { label: string; code: boolean } {
  switch (dimension) {
    case 'nationality':
      return { label: nationalityName(locale, value), code: false };
    case 'region':
      return { label: t(`regions.${value}`), code: false };
    case 'residenceStatus':
      return { label: value, code: true };
    case 'ageBand': {
      const [from, to] = value.split(/[-+]/);
      return { label: value.endsWith('+') ? t('ageBandOver', { from: Number(from) }) : t('ageBand', { from: Number(from), to: Number(to) }), code: false };
    }
    case 'cardKind':
      return { label: t(`cardKinds.${value}`), code: false };
    case 'language':
    case 'locale':
      return { label: languageName(locale, value), code: false };
    case 'campaign':
      return value === '' ? { label: t('noCampaign'), code: false } : { label: value, code: true };
    default:
      return { label: value, code: false };
  }
}

function rowLabel(t: DashboardT, locale: Locale, table: ReportTable, key: string): { label: string; code: boolean } {
  switch (table.keyKind) {
    case 'measure':
      return { label: t(`measures.${key}`), code: false };
    case 'day':
      return { label: formatDate(locale, `${key}T03:00:00Z`, 'medium'), code: false };
    case 'week':
      return { label: t('weekOf', { date: formatDate(locale, `${key}T03:00:00Z`, 'medium') }), code: false };
    case 'step':
      return { label: t(`steps.${key}`), code: false };
    case 'stop':
      return { label: t(`stops.${key}`), code: false };
    case 'path':
    case 'funnelPath':
      return { label: t(`paths.${key}`), code: false };
    case 'outcome':
      return { label: t(`outcomes.${key}`), code: false };
    default:
      return valueLabel(t, locale, table.keyKind, key);
  }
}

/** A duration in the unit that reads best (minutes, hours, days). */
export function formatDuration(locale: Locale, minutes: number): string {
  const unit = minutes < 120 ? 'minute' : minutes < 48 * 60 ? 'hour' : 'day';
  const value = unit === 'minute' ? minutes : unit === 'hour' ? minutes / 60 : minutes / 1440;
  return formatNumber(locale, value, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: unit === 'minute' ? 0 : 1 });
}

export function formatRate(locale: Locale, rate: number): string {
  return formatNumber(locale, rate, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** "<10" in the locale's digits; isolated left to right in right-to-left text, where "<" would turn round. */
export function fewerText(locale: Locale): string {
  return leftToRight(locale, `<${formatNumber(locale, MIN_SHOWN)}`);
}

export function presentCell(locale: Locale, cell: ReportCell): PresentedCell {
  switch (cell.kind) {
    case 'count':
      return cell.value === null
        ? { text: fewerText(locale), csv: `<${MIN_SHOWN}`, suppressed: true, missing: false, chart: null }
        : { text: formatNumber(locale, cell.value), csv: String(cell.value), suppressed: false, missing: false, chart: cell.value };
    case 'rate':
      return cell.value === null
        ? { text: '—', csv: '', suppressed: false, missing: true, chart: null }
        : { text: formatRate(locale, cell.value), csv: cell.value.toFixed(4), suppressed: false, missing: false, chart: Math.round(cell.value * 1000) / 10 };
    case 'minutes':
      return cell.value === null
        ? { text: '—', csv: '', suppressed: false, missing: true, chart: null }
        : { text: formatDuration(locale, cell.value), csv: String(Math.round(cell.value)), suppressed: false, missing: false, chart: Math.round((cell.value / 1440) * 10) / 10 };
    case 'hours':
      return cell.value === null
        ? { text: '—', csv: '', suppressed: false, missing: true, chart: null }
        : { text: formatDuration(locale, cell.value * 60), csv: cell.value.toFixed(1), suppressed: false, missing: false, chart: Math.round((cell.value / 24) * 10) / 10 };
  }
}

function columnHeader(t: DashboardT, id: string): string {
  if (id.startsWith('path.')) return t(`paths.${id.slice(5)}`);
  if (id.startsWith('stop.')) return t(`stops.${id.slice(5)}`);
  return t(`columns.${id}`);
}

const KEY_HEADERS: Record<ReportTable['keyKind'], string> = {
  nationality: 'dimensions.nationality',
  region: 'dimensions.region',
  residenceStatus: 'dimensions.residenceStatus',
  ageBand: 'dimensions.ageBand',
  cardKind: 'dimensions.cardKind',
  language: 'dimensions.language',
  campaign: 'dimensions.campaign',
  locale: 'dimensions.language',
  measure: 'columns.measure',
  day: 'columns.day',
  week: 'columns.week',
  step: 'columns.step',
  stop: 'columns.stop',
  path: 'columns.path',
  funnelPath: 'columns.path',
  outcome: 'columns.outcome',
};

export function tableCaption(t: DashboardT, id: TableId): string {
  if (id.startsWith('by-')) return t(`breakdowns.${id.slice(3)}`);
  return t(`tables.${id}`);
}

export function presentTable(t: DashboardT, locale: Locale, table: ReportTable): PresentedTable {
  const rows = table.rows.map((r) => ({ key: r.key, ...rowLabel(t, locale, table, r.key), cells: r.cells.map((c) => presentCell(locale, c)) }));
  const total = table.total ? { key: '', label: t('total'), code: false, cells: table.total.map((c) => presentCell(locale, c)) } : null;
  return {
    id: table.id,
    caption: tableCaption(t, table.id),
    headers: [t(KEY_HEADERS[table.keyKind]), ...table.columns.map((c) => columnHeader(t, c))],
    rows,
    total,
    suppressed: [...rows, ...(total ? [total] : [])].some((r) => r.cells.some((c) => c.suppressed)),
    follows: table.follows,
  };
}

export function presentReport(t: DashboardT, locale: Locale, report: DashboardReport): Record<TableId, PresentedTable> {
  return Object.fromEntries(Object.entries(report.tables).map(([id, table]) => [id, presentTable(t, locale, table)])) as Record<TableId, PresentedTable>;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The table as CSV (UTF-8 with a byte-order mark, so spreadsheets read every script): the same rows and cells as the page. */
export function tableCsv(table: PresentedTable): string {
  const lines = [table.headers, ...table.rows.map((r) => [r.label, ...r.cells.map((c) => c.csv)])];
  if (table.total) lines.push([table.total.label, ...table.total.cells.map((c) => c.csv)]);
  return '\uFEFF' + lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
