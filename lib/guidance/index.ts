// Guidance: the guide's topics and the values its text shows, the
// eligibility checker's questions, the pages kept for offline reading, and
// which requests count as a guide view. Pure: the browser (the checker, the
// service worker) uses it too, so nothing here touches the database; the
// counters are lib/analytics's.
export * from './topics';
export * from './eligibility';
export { guideValues, type GuideValues } from './values';
export { offlinePaths, offlinePagePath, offlinePagesFor, localeOfPath, isOfflinePage } from './offline-pages';
export { guideViewLocale } from './page-views';
