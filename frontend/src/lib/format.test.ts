import { describe, expect, it } from 'vitest';
import { belgradeLocalToUtc, formatDate, formatDateTime, formatRelative, formatTime } from './format';

const now = new Date('2025-11-20T10:00:00Z');

describe('formatDateTime', () => {
  it('formats Belgrade time in Serbian Latin', () => {
    expect(formatDateTime('2025-11-25T13:00:00Z', 'sr-Latn', now)).toBe('utorak 25. novembar, 14:00');
  });
  it('formats in Serbian Cyrillic', () => {
    expect(formatDateTime('2025-11-25T13:00:00Z', 'sr-Cyrl', now)).toBe('уторак 25. новембар, 14:00');
  });
  it('formats in English', () => {
    expect(formatDateTime('2025-11-25T13:00:00Z', 'en', now)).toBe('Tuesday 25 November, 14:00');
  });
  it('uses summer time and adds another year', () => {
    expect(formatDateTime('2024-07-01T22:30:00Z', 'sr-Latn', now)).toBe('utorak 2. jul 2024., 00:30');
  });
});

describe('formatRelative', () => {
  it('says how long ago', () => {
    expect(formatRelative('2025-11-20T07:00:00Z', 'sr-Latn', now)).toBe('pre 3 sata');
    expect(formatRelative('2025-11-22T10:00:00Z', 'en', now)).toBe('in 2 days');
  });
});

describe('formatDate and formatTime', () => {
  it('formats a day in each language', () => {
    expect(formatDate('2025-11-25T13:00:00Z', 'sr-Latn')).toBe('25. novembar 2025.');
    expect(formatDate('2025-11-25T13:00:00Z', 'en')).toBe('25 November 2025');
    expect(formatDate('1990-01-01', 'sr-Latn')).toBe('1. januar 1990.');
  });
  it('formats the hour in Belgrade time', () => {
    expect(formatTime('2025-11-25T13:32:00Z', 'sr-Latn')).toBe('14:32');
  });
});

describe('belgradeLocalToUtc', () => {
  it('reads a datetime-local value as Belgrade time, winter and summer', () => {
    expect(belgradeLocalToUtc('2026-11-24T14:00')).toBe('2026-11-24T13:00:00Z');
    expect(belgradeLocalToUtc('2026-07-01T00:30')).toBe('2026-06-30T22:30:00Z');
    expect(belgradeLocalToUtc('')).toBe('');
  });
});
