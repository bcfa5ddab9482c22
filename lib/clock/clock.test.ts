import { describe, expect, it } from 'vitest';
import { isCalendarDay, seoulDay } from '.';

describe('days', () => {
  it('isCalendarDay: a day that exists, written YYYY-MM-DD', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-45')).toBe(false);
    expect(isCalendarDay('2026-1-5')).toBe(false);
    expect(isCalendarDay('')).toBe(false);
  });

  it('seoulDay: the day in Korea', () => {
    expect(seoulDay(new Date('2026-03-01T15:00:00Z'))).toBe('2026-03-02');
    expect(seoulDay(new Date('2026-03-01T14:59:59Z'))).toBe('2026-03-01');
  });
});
