// Guidance: the guide's topics, the eligibility checker's rules, and the
// privacy-safe attribution and funnel counters of both.
export * from './topics';
export * from './eligibility';
export { CAMPAIGN_COOKIE, CAMPAIGN_PARAM, parseCampaignCode, guideViewLocale } from './attribution';
export {
  GUIDE_VIEWED,
  ELIGIBILITY_ANSWERED,
  recordGuideView,
  recordEligibilityAnswer,
  readFunnelCounters,
  countRowsPerTable,
  type Attribution,
  type FunnelCounter,
  type FunnelDeps,
} from './funnel';
export { guideValues, type GuideValues } from './values';
