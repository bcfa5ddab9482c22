// The analyst dashboard (issue 11): adoption of the mobile card among
// eligible residents, with filters that combine (a GET form: works without
// scripts), the barriers, the issuance paths, bookings and loss reports.
// Every figure comes from the rollups, protected (lib/analytics report.ts):
// "<10" for small counts, a second one hidden beside it, the rest rounded.
// Every chart has a table with the same figures, each table a CSV.
// Analysts and admins; the admin also sets the adoption target here.
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { messageForCode } from '@/app/_lib/error-message';
import { seoulDay } from '@/lib/clock';
import { pageAppContext } from '@/app/_lib/page-context';
import { coreErrors, type CodeOf, type CoreErrorCode } from '@/lib/errors';
import { formatDate, formatNumber, type Locale } from '@/lib/i18n';
import {
  AGE_BANDS,
  CARD_KINDS,
  DIMENSIONS,
  HISTORY_START,
  MIN_SHOWN,
  NO_CAMPAIGN,
  ROUNDING_BASE,
  analyticsErrors,
  buildDashboardReport,
  dashboardQuerySchema,
  filterOptions,
  filtersOf,
  queryOf,
  type DashboardQuery,
  type Dimension,
  type TableId,
} from '@/lib/analytics';
import { staffErrors } from '@/lib/staff';
import { StaffBar } from '../_components/staff-bar';
import { StaffForbidden } from '../_components/forbidden';
import { guardStaffPage } from '../_lib/guard';
import { BarsChart, SeriesChart, type ChartPoint, type ChartTick } from './_components/charts';
import { DataTable, type TableTexts } from './_components/data-table';
import { fewerText, presentReport, valueLabel, type DashboardT, type PresentedTable } from './_lib/present';
import { setTargetAction } from './actions';
import styles from './dashboard.module.css';
import { FocusOnArrival } from '@/components/focus-on-arrival';

export const dynamic = 'force-dynamic';

/** What the target form may send back in ?error=. */
type TargetError = CodeOf<typeof analyticsErrors> | CodeOf<typeof staffErrors> | CoreErrorCode;
const TARGET_ERRORS: readonly TargetError[] = [...analyticsErrors.codes, ...staffErrors.codes, ...coreErrors.codes];

export async function generateMetadata({ params }: PageProps<'/[locale]/staff/dashboard'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'staff.dashboard' });
  return { title: t('title') };
}

/** The query's filters, each checked on its own: a bad one is left out (and said so), the others kept. */
function parseFilters(raw: Record<string, string | string[] | undefined>): { query: DashboardQuery; invalid: string[] } {
  const shape = dashboardQuerySchema.shape;
  const query: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const key of Object.keys(shape) as Array<keyof typeof shape>) {
    const value = raw[key];
    const parsed = shape[key].safeParse(Array.isArray(value) ? value[0] : value);
    if (!parsed.success) invalid.push(key);
    else if (parsed.data !== undefined) query[key] = parsed.data;
  }
  return { query: query as DashboardQuery, invalid };
}

const PANELS: Array<{ id: string; tables: TableId[] }> = [
  { id: 'summary', tables: ['summary'] },
  { id: 'series', tables: ['series'] },
  ...DIMENSIONS.map((d) => ({ id: `by-${d}`, tables: [`by-${d}` as TableId] })),
  { id: 'paths', tables: ['paths'] },
  { id: 'funnel', tables: ['funnel'] },
  { id: 'stops', tables: ['stops-by-path', 'stops-by-language'] },
  { id: 'eligibility', tables: ['eligibility'] },
  { id: 'booking-waits', tables: ['booking-waits'] },
  { id: 'loss-weekly', tables: ['loss-weekly'] },
];

/** Which column of a table its chart draws, and how. */
const CHARTS: Partial<Record<TableId, { column: number; unit: 'count' | 'percent' | 'days' }>> = {
  ...Object.fromEntries(DIMENSIONS.map((d) => [`by-${d}`, { column: d === 'campaign' ? 0 : 2, unit: d === 'campaign' ? 'count' : 'percent' }])),
  paths: { column: 0, unit: 'count' },
  funnel: { column: 0, unit: 'count' },
  eligibility: { column: 0, unit: 'count' },
  'booking-waits': { column: 1, unit: 'days' },
  'loss-weekly': { column: 0, unit: 'count' },
};

/** Bidirectional marks in a formatted label (Arabic dates carry them) would scramble it in the left-to-right drawing. */
const withoutBidiMarks = (text: string) => text.replace(/[\u200e\u200f\u061c\u2066-\u2069]/g, '');

function chartPoints(table: PresentedTable, column: number): ChartPoint[] {
  return table.rows.map((r) => ({ label: withoutBidiMarks(r.label), value: r.cells[column]?.chart ?? null, text: withoutBidiMarks(r.cells[column]?.text ?? '—') }));
}

/** Five round ticks from 0 past the largest value, written in the page's locale. */
function chartTicks(locale: Locale, points: ChartPoint[], unit: 'count' | 'percent' | 'days', floor = 0): ChartTick[] {
  const max = Math.max(floor, ...points.map((p) => p.value ?? 0), 1);
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return [0, 1, 2, 3, 4].map((i) => {
    const value = Math.round(i * step * 1000) / 1000;
    const label =
      unit === 'percent'
        ? formatNumber(locale, value / 100, { style: 'percent', maximumFractionDigits: 1 })
        : unit === 'days'
          ? formatNumber(locale, value, { style: 'unit', unit: 'day', unitDisplay: 'short', maximumFractionDigits: 1 })
          : formatNumber(locale, value);
    return { value, label: withoutBidiMarks(label) };
  });
}

export default async function DashboardPage({ params, searchParams }: PageProps<'/[locale]/staff/dashboard'>) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const gate = await guardStaffPage(locale, ['analyst', 'admin'], `/${locale}/staff/dashboard`);
  if (!gate.ok) return <StaffForbidden locale={locale} role={gate.role} />;
  const raw = (await searchParams) as Record<string, string | string[] | undefined>;
  const { query, invalid } = parseFilters(raw);
  const { db, clock } = await pageAppContext();
  const today = seoulDay(clock.now());
  const filters = filtersOf(query, today);
  const [report, options] = await Promise.all([buildDashboardReport(db, clock, filters), filterOptions(db)]);
  const t = (await getTranslations({ locale, namespace: 'staff.dashboard' })) as unknown as DashboardT;
  const tables = presentReport(t, locale, report);
  const isAdmin = gate.staff.role === 'admin';
  const targetError = TARGET_ERRORS.find((code) => code === raw.error) ?? null;
  const targetErrorMessage = targetError ? await messageForCode(locale, targetError) : null;
  const targetSaved = raw.target === 'saved';
  const filterQuery = new URLSearchParams(queryOf(filters)).toString();
  const csvHref = (id: TableId) => `/api/dashboard/csv?${new URLSearchParams({ ...queryOf(filters), table: id, locale }).toString()}`;
  const small = { min: MIN_SHOWN, fewer: fewerText(locale), base: ROUNDING_BASE };
  const texts: TableTexts = {
    fewer: t('fewer', small),
    notShown: t('notShown'),
    suppressedNote: t('suppressedNote', small),
    csv: t('csv'),
    total: t('total'),
  };

  // The filters' choices, named in the reader's language.
  const label = (d: Dimension, v: string) => valueLabel(t, locale, d, v).label;
  const choices: Record<Dimension, Array<[string, string]>> = {
    nationality: options.nationality.map((v) => [v, label('nationality', v)] as [string, string]).sort((x, y) => x[1].localeCompare(y[1], locale)),
    region: options.region.map((v) => [v, label('region', v)] as [string, string]).sort((x, y) => x[1].localeCompare(y[1], locale)),
    residenceStatus: options.residenceStatus.map((v) => [v, v]),
    ageBand: AGE_BANDS.map((v) => [v, label('ageBand', v)]),
    cardKind: CARD_KINDS.map((v) => [v, label('cardKind', v)]),
    language: options.language.map((v) => [v, label('language', v)] as [string, string]).sort((x, y) => x[1].localeCompare(y[1], locale)),
    campaign: [[NO_CAMPAIGN, t('noCampaign')], ...options.campaign.map((v) => [v, v] as [string, string])],
  };
  const selected = (d: Dimension) => (d === 'campaign' && filters.campaign === '' ? NO_CAMPAIGN : (filters[d] ?? ''));
  for (const d of DIMENSIONS) {
    const value = selected(d);
    if (value && !choices[d].some(([v]) => v === value)) choices[d].push([value, d === 'campaign' || d === 'residenceStatus' ? value : label(d, value)]);
  }
  const activeFilters = DIMENSIONS.filter((d) => filters[d] !== undefined);
  const targetRate = report.target ? report.target.percent : null;
  const follows = (table: PresentedTable) =>
    table.follows === 'all' ? t('follows.all') : table.follows === 'range-language' ? t('follows.rangeLanguage') : t('follows.rangeLanguageCampaign');

  return (
    <div className={styles.wide}>
      <StaffBar locale={locale} staff={gate.staff} />
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <p className={styles.privacy}>{t('privacy', small)}</p>

      {invalid.length > 0 ? (
        <FocusOnArrival key={invalid.join()} className={styles.summary} role="alert" aria-labelledby="filter-error-title" data-testid="error-summary">
          <h2 id="filter-error-title">{t('filters.errorTitle')}</h2>
          <p>
            <a href={`#f-${invalid[0]}`}>{t('filters.invalid')}</a>
          </p>
        </FocusOnArrival>
      ) : null}

      <nav className={styles.contents} aria-label={t('contents')}>
        <ul>
          {PANELS.map((p) => (
            <li key={p.id}>
              <a href={`#panel-${p.id}`}>{t(`panels.${p.id}`)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <form method="get" action={`/${locale}/staff/dashboard`} className={styles.filters} aria-labelledby="filters-heading">
        <h2 id="filters-heading">{t('filters.heading')}</h2>
        <p className="note">{t('filters.hint')}</p>
        <div className={styles.fields}>
          <div className={styles.field}>
            <label htmlFor="f-from">{t('filters.from')}</label>
            <input id="f-from" name="from" type="date" min={HISTORY_START} max={today} defaultValue={filters.from} />
          </div>
          <div className={styles.field}>
            <label htmlFor="f-to">{t('filters.to')}</label>
            <input id="f-to" name="to" type="date" min={HISTORY_START} max={today} defaultValue={filters.to} />
          </div>
          {DIMENSIONS.map((d) => (
            <div className={styles.field} key={d}>
              <label htmlFor={`f-${d}`}>{t(`dimensions.${d}`)}</label>
              <select id={`f-${d}`} name={d} defaultValue={selected(d)}>
                <option value="">{t('filters.all')}</option>
                {choices[d].map(([value, name]) => (
                  <option key={value} value={value}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
        <div className={styles.buttons}>
          <button type="submit" className="button primary">
            {t('filters.show')}
          </button>
          <a href={`/${locale}/staff/dashboard`}>{t('filters.clear')}</a>
        </div>
        <p className={styles.active} role="status" data-testid="active-filters">
          {t('filters.showing', {
            from: formatDate(locale, `${filters.from}T03:00:00Z`, 'long'),
            to: formatDate(locale, `${filters.to}T03:00:00Z`, 'long'),
            count: activeFilters.length,
          })}
        </p>
      </form>

      <p className="note">
        {report.populationDay ? t('populationAsOf', { date: formatDate(locale, `${report.populationDay}T03:00:00Z`, 'long') }) : t('populationNone')}
      </p>

      {PANELS.map((panel) => {
        const first = tables[panel.tables[0]!];
        return (
          // Not a landmark (no accessible name): its heading is how readers move between panels; each table is the named region.
          <section key={panel.id} id={`panel-${panel.id}`} className={styles.panel}>
            <h2 id={`panel-${panel.id}-heading`}>{t(`panels.${panel.id}`)}</h2>
            <p>{t(`descriptions.${panel.id}`)}</p>
            <p className={styles.follows}>{follows(first)}</p>

            {panel.id === 'summary' && (isAdmin || report.target) ? (
              <div id="target">
                {targetSaved ? (
                  <p className={styles.notice} role="status">
                    {t('target.saved')}
                  </p>
                ) : null}
                {targetErrorMessage ? (
                  <FocusOnArrival key={targetErrorMessage} className={styles.summary} role="alert" aria-labelledby="target-error-title" data-testid="target-error">
                    <h3 id="target-error-title">{t('filters.errorTitle')}</h3>
                    <p>
                      <a href="#target-percent">{targetErrorMessage}</a>
                    </p>
                  </FocusOnArrival>
                ) : null}
                {isAdmin ? (
                  <form action={setTargetAction} className={styles.targetForm}>
                    <input type="hidden" name="locale" value={locale} />
                    <input type="hidden" name="query" value={filterQuery} />
                    <div className={styles.field}>
                      <label htmlFor="target-percent">{t('target.label')}</label>
                      <input
                        id="target-percent"
                        name="percent"
                        type="number"
                        inputMode="decimal"
                        min="0.1"
                        max="100"
                        step="0.1"
                        defaultValue={targetRate ?? ''}
                        aria-describedby="target-hint"
                      />
                    </div>
                    <button type="submit" className="button">
                      {t('target.save')}
                    </button>
                    <p id="target-hint" className={styles.note}>
                      {t('target.hint', { low: 0.1, high: 100 })}
                    </p>
                  </form>
                ) : null}
              </div>
            ) : null}

            {panel.tables.map((id) => {
              const table = tables[id];
              const chart = CHARTS[id];
              const data = (
                <DataTable key={id} table={table} csvHref={csvHref(id)} texts={texts} />
              );
              if (id === 'series') {
                return (
                  <div key={id} className={styles.pair}>
                    <div className={styles.chart}>
                      <SeriesChart
                        points={chartPoints(table, 1)}
                        ticks={chartTicks(locale, chartPoints(table, 1), 'percent', targetRate ?? 0)}
                        target={targetRate}
                        targetLabel={targetRate !== null ? withoutBidiMarks(t('targetLine', { rate: formatNumber(locale, targetRate / 100, { style: 'percent', maximumFractionDigits: 1 }) })) : ''}
                      />
                    </div>
                    {data}
                  </div>
                );
              }
              if (!chart || table.rows.length === 0) return <div key={id}>{data}</div>;
              const points = chartPoints(table, chart.column);
              return (
                <div key={id} className={styles.pair}>
                  {points.every((p) => p.value === null) ? (
                    // Every bar hidden ("<10"): an empty frame said nothing; this says why.
                    <p className={`${styles.chart} note`} data-testid={`chart-all-hidden-${id}`}>
                      {t('chartAllHidden', small)}
                    </p>
                  ) : (
                    <div className={styles.chart}>
                      <BarsChart points={points} ticks={chartTicks(locale, points, chart.unit)} />
                    </div>
                  )}
                  {data}
                </div>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}
