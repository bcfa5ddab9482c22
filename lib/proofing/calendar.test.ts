// The calendar file: parsed back with a strict reader of our own (RFC 5545
// line unfolding and escapes), it names the appointment in Asia/Seoul with
// the zone's definition, lasts the slot's length, reminds a day and an hour
// before, and speaks the resident's language.
import { describe, expect, it } from 'vitest';
import { bookingCalendar, type CalendarStrings } from '.';

/** Unfolds RFC 5545 lines and splits each into name, parameters and value. */
export function parseIcs(text: string): Array<{ name: string; params: Record<string, string>; value: string }> {
  expect(text.includes('\r\n'), 'CRLF line endings').toBe(true);
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  return unfolded
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      const [name, ...params] = line.slice(0, colon).split(';');
      return {
        name: name!,
        params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])),
        value: line.slice(colon + 1).replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1'),
      };
    });
}

const strings: CalendarStrings = {
  title: 'Проверка личности по видеосвязи (ARC Mobile)',
  description: 'Подготовьте карту без чипа.\nХороший свет, тихое место; телефон с номером из реестра.\nСсылка: https://arc.example/ru/booking/abc',
  location: 'Видеозвонок в ARC Mobile',
  reminder: 'Скоро проверка личности в ARC Mobile',
  url: 'https://arc.example/ru/booking/abc',
};

describe('the booking calendar file', () => {
  const booking = { id: '2b9f7a4e-1f0c-4d4f-9a38-5f7f2bb1c0de', reference: 'B-7K3P-9QX2', status: 'booked' as const };
  // 14:30 in Korea on 3 December 2026 = 05:30 UTC.
  const slot = { startsAt: new Date('2026-12-03T05:30:00Z'), minutes: 20 };

  it('starts in Asia/Seoul at the Korean wall-clock time, with the zone defined, and lasts the slot', () => {
    const lines = parseIcs(bookingCalendar(booking, slot, strings));
    const event = lines.slice(lines.findIndex((l) => l.name === 'BEGIN' && l.value === 'VEVENT'));
    const start = event.find((l) => l.name === 'DTSTART')!;
    expect(start.params).toEqual({ TZID: 'Asia/Seoul' });
    expect(start.value).toBe('20261203T143000');
    expect(lines.find((l) => l.name === 'DURATION')?.value).toBe('PT20M');
    const tz = lines.slice(lines.findIndex((l) => l.name === 'BEGIN' && l.value === 'VTIMEZONE'));
    expect(tz.find((l) => l.name === 'TZID')?.value).toBe('Asia/Seoul');
    expect(tz.find((l) => l.name === 'TZOFFSETTO')?.value).toBe('+0900');
    // DTSTAMP stays in UTC.
    expect(lines.find((l) => l.name === 'DTSTAMP')?.value).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('reminds a day and an hour before, in the resident\'s language', () => {
    const text = bookingCalendar(booking, slot, strings);
    const lines = parseIcs(text);
    const alarms = lines.filter((l) => l.name === 'BEGIN' && l.value === 'VALARM');
    expect(alarms).toHaveLength(2);
    expect(lines.filter((l) => l.name === 'TRIGGER').map((l) => l.value)).toEqual(['-PT24H', '-PT1H']);
    expect(lines.filter((l) => l.name === 'ACTION').map((l) => l.value)).toEqual(['DISPLAY', 'DISPLAY']);
    expect(lines.filter((l) => l.name === 'DESCRIPTION').map((l) => l.value)).toContain(strings.reminder);
  });

  it('carries the title with the reference, what to have ready, the place and the link', () => {
    const lines = parseIcs(bookingCalendar(booking, slot, strings));
    const value = (name: string) => lines.find((l) => l.name === name)?.value;
    expect(value('SUMMARY')).toBe(`${strings.title} · B-7K3P-9QX2`);
    expect(value('DESCRIPTION')).toBe(strings.description);
    expect(value('LOCATION')).toBe(strings.location);
    expect(value('URL')).toBe(strings.url);
    expect(value('UID')).toBe(`${booking.id}@arc-mobile`);
    expect(value('STATUS')).toBe('CONFIRMED');
  });

  it('folds long lines at 75 octets without breaking characters', () => {
    const description = 'ဗီဒီယိုခေါ်ဆိုမှု '.repeat(20);
    const text = bookingCalendar(booking, slot, { ...strings, description });
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
    expect(parseIcs(text).find((l) => l.name === 'DESCRIPTION')?.value).toBe(description);
  });

  it('says CANCELLED, without reminders, for a cancelled booking', () => {
    const lines = parseIcs(bookingCalendar({ ...booking, status: 'cancelled' }, slot, strings));
    expect(lines.find((l) => l.name === 'STATUS')?.value).toBe('CANCELLED');
    expect(lines.some((l) => l.value === 'VALARM')).toBe(false);
  });
});
