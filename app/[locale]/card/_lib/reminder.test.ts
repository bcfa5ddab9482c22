import { describe, expect, it } from 'vitest';
import { expiryReminder, monthBefore } from './reminder';

describe('the card expiry reminder', () => {
  it('falls a month before the card expires, on a day that exists', () => {
    expect(monthBefore('2027-06-15')).toEqual([2027, 5, 15]);
    expect(monthBefore('2027-01-10')).toEqual([2026, 12, 10]);
    expect(monthBefore('2027-03-31')).toEqual([2027, 2, 28]);
    expect(monthBefore('2028-03-30')).toEqual([2028, 2, 29]);
  });

  it('is an all-day event with an alarm, in the words given', () => {
    const ics = expiryReminder(
      '2027-03-31',
      { title: 'Renew your card', description: 'Your card expires on 31 March 2027.\nThen get your mobile card again.', alarm: 'A month left' },
      new Date('2026-12-02T03:00:00Z'),
    );
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('BEGIN:VCALENDAR');
    expect(unfolded).toMatch(/DTSTART;VALUE=DATE:20270228/);
    expect(unfolded).toMatch(/DTEND;VALUE=DATE:20270301/);
    expect(unfolded).toContain('SUMMARY:Renew your card');
    expect(unfolded).toContain('BEGIN:VALARM');
    expect(unfolded).toContain('TRIGGER:PT9H');
    expect(unfolded).toContain('UID:card-expiry-2027-03-31@arc-mobile');
  });

  it('refuses what is not a day', () => {
    expect(() => expiryReminder('soon', { title: 't', description: 'd', alarm: 'a' }, new Date())).toThrow();
  });
});
