// Proofing: what an officer does to let a legacy-card resident enroll. For
// now the in-person path: the officer finds the resident, checks them
// against the card and shows a one-time enrollment QR (an enrollment grant,
// path 'office'). The video-proofing issue ends in the same grant (path
// 'video'), through issueGrant.
import type { Db } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { authorizeOfficer } from './officer';
import { issueGrant, type IssuedGrant } from './grants';
import { completeBookedVisit } from './bookings';

export {
  GRANT_TTL_MS,
  GRANT_CODE_BYTES,
  SHORT_CODE_ALPHABET,
  SHORT_CODE_LENGTH,
  SHORT_CODE_CLIENT_MAX_FAILURES,
  SHORT_CODE_MAX_FAILURES,
  SHORT_CODE_LOCK_MS,
  proofingErrors,
  issueGrant,
  claimGrant,
  markGrantUsed,
  getGrant,
  normaliseShortCode,
  type GrantClaimInput,
  type IssuedGrant,
  type ClaimedGrant,
  type GrantView,
} from './grants';
export { findResidentForOfficer, type OfficerResidentView } from './officer';

// Booking: slots officers publish (video, office, community day), residents
// find, book, reschedule and cancel; the seat count held by the database.
export {
  SLOT_KINDS,
  SLOT_MINUTES,
  SLOT_CAPACITY,
  SLOT_MAX_DAYS_AHEAD,
  SLOT_PAGE_SIZE,
  SLOT_SEARCH_LIMIT,
  bookingErrors,
  isSlotKind,
  isSlotId,
  seoulDayStart,
  seoulInstant,
  publishSlot,
  cancelSlot,
  findSlotPage,
  findSlots,
  getSlot,
  firstFreeSlotWait,
  listOfficerSlots,
  type BookingErrorCode,
  type SlotKind,
  type SlotView,
  type SlotSearch,
  type SlotWait,
  type PublishSlotInput,
  type OfficerSlot,
  type SlotBookingSummary,
} from './slots';
export {
  BOOKING_REG_LIMIT,
  BOOKING_CLIENT_LIMIT,
  BOOKING_SECRET_BYTES,
  bookSlot,
  rescheduleBooking,
  cancelBooking,
  findBookingBySecret,
  findBookingById,
  alternativesFor,
  endBooking,
  openBookedVisit,
  cancelSlotAndTell,
  isBookingSecret,
  bookingLink,
  makeBookingReference,
  type BookingDeps,
  type BookingSmsKind,
  type BookingSmsText,
  type BookingView,
  type FoundBooking,
  type BookedSlot,
  type BookInput,
  type CancelledSlotBooking,
} from './bookings';
export { bookingCalendar, type CalendarStrings } from './calendar';

// The video check of a booking: session, signalling relay, stills, outcomes.
export {
  videoErrors,
  OFFICER_CHECKS,
  CHECKLIST_ITEMS,
  REJECT_REASONS,
  FRAUD_REASONS,
  CODE_DIGITS,
  CODE_TTL_MS,
  CODE_MAX_TRIES,
  CODE_RESEND_AFTER_MS,
  START_WINDOW_MS,
  startProofingSession,
  joinAsResident,
  resendSecondChannelCode,
  confirmSecondChannelCode,
  updateChecklist,
  flagFraud,
  approveSession,
  rejectSession,
  markNoShow,
  getResidentCallState,
  getOfficerSessionView,
  listVideoAppointments,
  videoGrantCode,
  type VideoErrorCode,
  type ProofingDeps,
  type ResidentCallDeps,
  type CodeSmsText,
  type OfficerCheck,
  type ChecklistItem,
  type RejectReason,
  type FraudReason,
  type VideoApproval,
  type CallPhase,
  type ResidentCallState,
  type OfficerSessionView,
  type VideoAppointment,
} from './sessions';
export { SIGNAL_KINDS, MAX_SIGNALS_PER_SESSION, SIGNALS_PER_READ, postSignal, readSignals, type SignalKind, type SignalParty, type RelayedSignal } from './signals';
export {
  STILL_KINDS,
  STILLS_RETENTION_DAYS,
  MAX_STILL_BYTES,
  recordStillsConsent,
  saveStill,
  listStills,
  openStill,
  purgeExpiredStills,
  type StillKind,
  type StillInfo,
} from './stills';
export { LIVENESS_KINDS, chooseLivenessPrompts, type LivenessPrompt, type LivenessKind } from './liveness';

/**
 * An officer, having checked the person against the card (photo matches,
 * card genuine and valid), issues a 10-minute, single-use enrollment grant
 * for an eligible resident. Grant and audit entry commit together.
 */
export async function createOfficeGrant(
  db: Db,
  clock: Clock,
  input: { residentId: number; officerId: string; checks?: { photoMatches: boolean; cardGenuine: boolean }; bookingId?: string },
): Promise<IssuedGrant> {
  return db.transaction(async (tx) => {
    await authorizeOfficer(tx, clock, input.officerId, input.residentId);
    const grant = await issueGrant(tx, clock, {
      residentId: input.residentId,
      officerId: input.officerId,
      path: 'office',
      detail: { ...(input.checks ? { checks: input.checks } : {}), ...(input.bookingId ? { bookingId: input.bookingId } : {}) },
    });
    // The check came from a booked visit: it took place, so the booking ends with the grant.
    if (input.bookingId) await completeBookedVisit(tx, clock, { bookingId: input.bookingId, officerId: input.officerId, residentId: input.residentId });
    return grant;
  });
}
