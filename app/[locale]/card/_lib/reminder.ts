// The physical card's renewal reminder as a calendar file (.ics, made with
// the `ics` package): an all-day event a month before the card expires (the
// day counted in Korea), with an alarm on its morning, and what to do, in
// the resident's language.
import { createEvent } from 'ics';

export type ReminderStrings = { title: string; description: string; alarm: string };

/** The day a month before `validUntil` (YYYY-MM-DD, a day in Korea); the 31st of a shorter month becomes its last day. */
export function monthBefore(validUntil: string): [number, number, number] {
  const [y, m, d] = validUntil.split('-').map(Number) as [number, number, number];
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return [year, month, Math.min(d, last)];
}

function nextDay([y, m, d]: [number, number, number]): [number, number, number] {
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
}

export function expiryReminder(validUntil: string, strings: ReminderStrings, now: Date): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) throw new Error('validUntil is not a day');
  const day = monthBefore(validUntil);
  const { error, value } = createEvent({
    productId: 'arc-mobile/card',
    method: 'PUBLISH',
    // One reminder per card expiry: adding the file again replaces it.
    uid: `card-expiry-${validUntil}@arc-mobile`,
    created: now.getTime(),
    start: day,
    startInputType: 'local',
    startOutputType: 'local',
    end: nextDay(day),
    title: strings.title,
    description: strings.description,
    busyStatus: 'FREE',
    transp: 'TRANSPARENT',
    // 9 in the morning of that day.
    alarms: [{ action: 'display', description: strings.alarm, trigger: { hours: 9, minutes: 0, before: false } }],
  });
  if (error || !value) throw error ?? new Error('ics made no calendar');
  return value;
}
