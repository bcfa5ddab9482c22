// The booking as a calendar file (.ics, RFC 5545), made with the `ics`
// package: the appointment in Korea's time (DTSTART;TZID=Asia/Seoul with
// its VTIMEZONE), two reminders (a day and an hour before), and the title,
// what to have ready, the place and the booking's link in the resident's
// language (the caller passes the strings, already translated).
//
// `ics` writes times in UTC or floating only, so the Seoul wall-clock time
// goes in as if it were UTC and its "Z" is replaced by the TZID, and the
// zone's definition is added: Korea keeps UTC+9 all year (no daylight
// saving since 1988), so one STANDARD rule describes it exactly.
import { createEvent, type DateArray } from 'ics';
import type { BookingView } from './bookings';
import type { SlotView } from './slots';

export const CALENDAR_TIME_ZONE = 'Asia/Seoul';
const SEOUL_OFFSET_MS = 9 * 3_600_000;

export type CalendarStrings = {
  /** The event's title, e.g. "Identity check by video call (ARC Mobile)". */
  title: string;
  /** What to have ready and how to join or where to go; may hold several lines. */
  description: string;
  /** The office or venue with its address, or "Video call in ARC Mobile". */
  location: string;
  /** What the reminders say. */
  reminder: string;
  /** The booking's own page. */
  url: string;
};

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${CALENDAR_TIME_ZONE}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0900',
  'TZOFFSETTO:+0900',
  'TZNAME:KST',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** The slot's start as Korea's wall clock: [year, month, day, hour, minute]. */
function seoulWallClock(at: Date): DateArray {
  const local = new Date(at.getTime() + SEOUL_OFFSET_MS);
  return [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes()];
}

/** The .ics text of a booking (CRLF lines); throws when `ics` refuses the event. */
export function bookingCalendar(
  booking: Pick<BookingView, 'id' | 'reference' | 'status'>,
  slot: Pick<SlotView, 'startsAt' | 'minutes'>,
  strings: CalendarStrings,
): string {
  const cancelled = booking.status === 'cancelled';
  const { error, value } = createEvent({
    productId: 'arc-mobile/booking',
    method: 'PUBLISH',
    uid: `${booking.id}@arc-mobile`,
    // The resident may add the file again after a change: a higher sequence replaces the earlier copy.
    sequence: cancelled ? 1 : 0,
    start: seoulWallClock(slot.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: slot.minutes },
    title: `${strings.title} · ${booking.reference}`,
    description: strings.description,
    location: strings.location,
    url: strings.url,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    alarms: cancelled
      ? []
      : [
          { action: 'display', description: strings.reminder, trigger: { hours: 24, before: true } },
          { action: 'display', description: strings.reminder, trigger: { hours: 1, before: true } },
        ],
  });
  if (error || !value) throw error ?? new Error('ics made no calendar');
  // `ics` folds lines by characters; unfold them, and fold again by octets below.
  const lines = value.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') out.push(...VTIMEZONE);
    // Only the event's own start (not DTSTAMP, which stays in UTC as RFC 5545 requires).
    const start = /^DTSTART:(\d{8}T\d{6})Z$/.exec(line);
    out.push(...foldLine(start ? `DTSTART;TZID=${CALENDAR_TIME_ZONE}:${start[1]}` : line));
  }
  return out.join('\r\n');
}

/** RFC 5545 §3.1: lines of at most 75 octets, continued after CRLF + space, never splitting a character. */
function foldLine(line: string): string[] {
  if (Buffer.byteLength(line) <= 75) return [line];
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const room = parts.length === 0 ? 75 : 74;
    if (bytes + size > room) {
      parts.push(parts.length === 0 ? current : ` ${current}`);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(parts.length === 0 ? current : ` ${current}`);
  return parts;
}
