import { formatDateTime, TIME_ZONE } from '@/lib/format';

/** "2026-11-24" for an instant, as the day it is in Belgrade (the rota's days). */
export function belgradeDayKey(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** "utorak 24. novembar": formatDateTime's wording of a day, without the hour. */
export function formatDay(iso: string | Date, lang: string, now: Date = new Date()): string {
  return formatDateTime(iso, lang, now).replace(/, \d{2}:\d{2}$/, '');
}

/**
 * A `datetime-local` value moved by whole days on the wall clock ("2026-11-24T15:00" + 1 =
 * "2026-11-25T15:00"), so that a repeated night shift keeps its hours across a clock change.
 */
export function addDaysLocal(local: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})$/.exec(local);
  if (!m) return '';
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]! + days));
  return `${d.toISOString().slice(0, 10)}T${m[4]}`;
}
