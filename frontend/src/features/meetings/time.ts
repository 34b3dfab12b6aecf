// Belgrade calendar arithmetic for the 15-day rule: the server counts calendar days in
// Europe/Belgrade (backend/internal/meetings days), and so must the form that warns about it.
import { TIME_ZONE } from '@/lib/format';

/** The 15-day rule: a meeting at most this many calendar days after the previous one. */
export const MAX_DAYS = 15;

/** The date ("2026-11-24") and wall-clock time ("14:00") of an instant in Belgrade. */
export function belgradeParts(iso: string | Date): { date: string; time: string } {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return { date: '', time: '' };
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
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) / 86_400_000 : NaN;
}

/** Calendar days from a to b in Belgrade (dates "YYYY-MM-DD" or instants). */
export function calendarDays(a: string, b: string): number {
  const da = a.length === 10 ? a : belgradeParts(a).date;
  const db = b.length === 10 ? b : belgradeParts(b).date;
  return Math.round(dayNumber(db) - dayNumber(da));
}

/** "2026-11-24" plus n days. */
export function addDays(date: string, n: number): string {
  const day = dayNumber(date);
  if (Number.isNaN(day)) return '';
  return new Date((day + n) * 86_400_000).toISOString().slice(0, 10);
}

/** Today's date in Belgrade. */
export function belgradeToday(now: Date = new Date()): string {
  return belgradeParts(now).date;
}
