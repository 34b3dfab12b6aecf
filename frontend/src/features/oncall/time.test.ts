import { describe, expect, it } from 'vitest';
import { addDaysLocal, belgradeDayKey, formatDay } from './time';

describe('rota times', () => {
  it('moves a datetime-local value by whole days on the wall clock, across months', () => {
    expect(addDaysLocal('2026-10-24T20:00', 1)).toBe('2026-10-25T20:00');
    expect(addDaysLocal('2026-11-30T15:00', 2)).toBe('2026-12-02T15:00');
    expect(addDaysLocal('', 1)).toBe('');
  });
  it('groups by the Belgrade day, and words it without the hour', () => {
    expect(belgradeDayKey('2026-11-23T23:30:00Z')).toBe('2026-11-24');
    expect(formatDay('2026-11-24T13:00:00Z', 'sr-Latn', new Date('2026-01-01T00:00:00Z'))).toBe('utorak 24. novembar');
  });
});
