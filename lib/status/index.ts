// Status: each issued card's entry in the status list (valid, invalid,
// suspended) and the in-process view the list is verified and signed from.
// Below both lib/passkeys (which sets entries at issuance and revocation)
// and lib/presentation (which signs and publishes the list); it imports
// neither.
export { LIST_SIZE, STATUS_BITS, splitStatusIndex, joinStatusIndex, type ListStatus, type StatusReason } from './layout';
export { allocateStatusIndex, ensureFirstStatusList, setStatus, readStatus } from './entries';
export { StatusView, markStatusViewsStale, invalidateStatusViews, listenForStatusChanges, STATUS_CHANNEL, STATUS_VIEW_MAX_AGE_MS, STATUS_VIEW_REFRESH_MS, type CardListStatus } from './view';
