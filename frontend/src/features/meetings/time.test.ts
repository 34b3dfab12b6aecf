import { describe, expect, it } from 'vitest';
import { addDays, belgradeParts, calendarDays } from './time';

describe('Belgrade calendar arithmetic', () => {
  it('reads an instant in Belgrade time, summer and winter', () => {
    expect(belgradeParts('2026-11-28T09:00:00Z')).toEqual({ date: '2026-11-28', time: '10:00' });
    expect(belgradeParts('2026-07-01T22:30:00Z')).toEqual({ date: '2026-07-02', time: '00:30' });
  });

  it('counts calendar days as the server does: after 14 November, 29 November is day 15', () => {
    expect(calendarDays('2026-11-14T09:00:00Z', '2026-11-29T22:00:00Z')).toBe(15);
    expect(calendarDays('2026-11-14T09:00:00Z', '2026-11-30')).toBe(16);
    // Daylight saving changes nothing.
    expect(calendarDays('2026-10-20', '2026-11-04')).toBe(15);
  });

  it('adds days across months', () => {
    expect(addDays('2026-11-28', 15)).toBe('2026-12-13');
  });
});
