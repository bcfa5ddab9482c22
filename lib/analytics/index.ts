// Analytics: counters kept in rollup tables, updated in the transaction of
// the event they count (funnel per day, locale, campaign and path), and
// their reads. Never a person.
export { countFunnelEvent, type FunnelEvent } from './funnel';
export {
  GUIDE_VIEWED,
  ELIGIBILITY_ANSWERED,
  recordGuideView,
  recordEligibilityAnswer,
  type Attribution,
  type FunnelDeps,
} from './guide';
export { readFunnelCounters, countRowsPerTable, type FunnelCounter } from './reads';
