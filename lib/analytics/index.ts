// Analytics: counters kept in rollup tables, updated in the transaction of
// the event they count (funnel per day, locale, campaign and path), and
// their reads. Never a person.
export { countFunnelEvent, type FunnelEvent } from './funnel';
export {
  GUIDE_VIEWED,
  ELIGIBILITY_ANSWERED,
  recordGuideView,
  guideViewTally,
  flushGuideViews,
  GuideViewTally,
  recordEligibilityAnswer,
  type Attribution,
  type FunnelDeps,
} from './guide';
export { readFunnelCounters, countRowsPerTable, type FunnelCounter } from './reads';
export { CAMPAIGN_VISIT, recordCampaignVisit, readCampaignFunnel, type CampaignFunnel, type CampaignFunnelRow, type CampaignFunnelCounts } from './campaigns';
// The adoption rollups and the analyst dashboard (issue 11).
export {
  DIMENSIONS,
  POPULATION_DIMENSIONS,
  AGE_BANDS,
  CARD_KINDS,
  ISSUANCE_PATHS,
  ISSUANCE_TIME_EDGES_MIN,
  BOOKING_WAIT_EDGES_H,
  ageBandOn,
  scheduledChanges,
  histogramMedian,
  type Dimension,
  type AgeBand,
  type IssuancePath,
} from './dimensions';
export { countCardIssued, countCardEnded, countCardLocked, countCardsIssuedAndRevoked, countBookingMade, addDueEvents, addScheduledEvents } from './adoption';
export { refreshAdoptionPopulation, rebuildAdoptionRollups, rollAdoptionCalendar, RAW_CARD_SOURCE, POPULATION_SETTING, CALENDAR_SETTING } from './rebuild';
export {
  MIN_SHOWN,
  ROUNDING_BASE,
  isSmall,
  roundCount,
  protectCount,
  protectTable,
  protectList,
  shownRate,
  shownDifferences,
  type Shown,
  type CountTable,
  type ProtectedTable,
} from './suppression';
export {
  HISTORY_START,
  NO_CAMPAIGN,
  dashboardQuerySchema,
  withoutEmpty,
  filtersOf,
  queryOf,
  filteredDimensions,
  type DashboardQuery,
  type DashboardFilters,
} from './filters';
export {
  activeCards,
  eligibleResidents,
  populationDay,
  adoptionSeries,
  issuedByPath,
  lockedByWeek,
  issuanceTimes,
  bookingWaits,
  funnelCounts,
  filterOptions,
  type Counts,
  type SeriesPoint,
  type Histogram,
} from './dashboard';
export { naiveActiveCards, naiveEligibleResidents, naiveSeries, naiveIssuedByPath } from './naive';
export { analyticsErrors, type AnalyticsErrorCode } from './errors';
export { TARGET_SETTING, readAdoptionTarget, setAdoptionTarget, type AdoptionTarget } from './target';
export {
  TABLE_IDS,
  FUNNEL_STEPS,
  STOP_POINTS,
  FUNNEL_PATHS,
  ELIGIBILITY_OUTCOMES,
  buildDashboardReport,
  type DashboardReport,
  type ReportTable,
  type ReportRow,
  type ReportCell,
  type RowKeyKind,
  type TableId,
} from './report';
