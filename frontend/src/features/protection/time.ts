import { useEffect, useState } from 'react';
import { belgradeLocalToUtc, TIME_ZONE } from '@/lib/format';

/**
 * An instant as a `datetime-local` value in Belgrade's wall-clock time ("2026-11-24T14:05"),
 * whatever the device's own time zone is: what users report is Belgrade time.
 */
export function utcToBelgradeLocal(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** A Belgrade `datetime-local` value as RFC 3339 UTC ('' when empty or malformed). */
export const localToUtc = belgradeLocalToUtc;

/** A day ("2026-12-05") as the end of that day in Belgrade, for deadlines kept as a day. */
export function dayToUtc(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? belgradeLocalToUtc(`${day}T23:59`) : '';
}

/** An instant as the Belgrade day it falls on ("2026-12-05"), for a date input. */
export function utcToDay(iso: string | null | undefined): string {
  return iso ? utcToBelgradeLocal(iso).slice(0, 10) : '';
}

/** Whole days, hours and minutes of a span of milliseconds (its sign dropped). */
export function durationParts(ms: number): { days: number; hours: number; totalHours: number; minutes: number } {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  const totalHours = Math.floor(totalMinutes / 60);
  return { days: Math.floor(totalHours / 24), hours: totalHours % 24, totalHours, minutes: totalMinutes % 60 };
}

/** The current time, updated every minute (for live countdowns). */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
