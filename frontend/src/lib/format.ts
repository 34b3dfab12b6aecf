import type { Language } from './types';

export const TIME_ZONE = 'Europe/Belgrade';

const intlLocale: Record<Language, string> = {
  'sr-Latn': 'sr-Latn-RS',
  'sr-Cyrl': 'sr-Cyrl-RS',
  en: 'en-GB',
};

function toLanguage(lang: string): Language {
  return lang === 'sr-Cyrl' || lang === 'en' ? lang : 'sr-Latn';
}

/**
 * "utorak 24. novembar, 14:00" (Belgrade time); the year is added when it is not this year.
 * Built from parts so that every script reads the same way.
 */
export function formatDateTime(iso: string | Date, lang: string, now: Date = new Date()): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  const l = toLanguage(lang);
  const parts = new Intl.DateTimeFormat(intlLocale[l], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  const yearNow = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: TIME_ZONE }).format(now);
  const year = get('year');
  const dayMonth = l === 'en' ? `${get('day')} ${get('month')}` : `${get('day')}. ${get('month')}`;
  const withYear = year && year !== yearNow ? (l === 'en' ? `${dayMonth} ${year}` : `${dayMonth} ${year}.`) : dayMonth;
  return `${get('weekday')} ${withYear}, ${get('hour')}:${get('minute')}`;
}

/** "pre 3 sata", "za 2 dana", "3 hours ago". */
export function formatRelative(iso: string | Date, lang: string, now: Date = new Date()): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  const diff = (d.getTime() - now.getTime()) / 1000;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(intlLocale[toLanguage(lang)], { numeric: 'auto' });
  if (abs < 60) return rtf.format(Math.round(diff), 'second');
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  return rtf.format(Math.round(diff / 86400), 'day');
}

/** "24. novembar 2026." / "24 November 2026" in Belgrade time: a day without the hour. */
export function formatDate(iso: string | Date, lang: string): string {
  const d = typeof iso === 'string' ? new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  const l = toLanguage(lang);
  const parts = new Intl.DateTimeFormat(intlLocale[l], { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }).formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return l === 'en' ? `${get('day')} ${get('month')} ${get('year')}` : `${get('day')}. ${get('month')} ${get('year')}.`;
}

/** "14:32" in Belgrade time. */
export function formatTime(iso: string | Date, lang: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(intlLocale[toLanguage(lang)], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).format(d);
}

/** Milliseconds Belgrade's wall clock is ahead of UTC at an instant. */
function belgradeOffset(ms: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const n = (t: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(ms / 1000) * 1000;
}

/**
 * A `datetime-local` value ("2026-11-24T14:00") read as Belgrade time, as an RFC 3339 UTC time
 * ("2026-11-24T13:00:00Z"). Empty or malformed gives ''.
 */
export function belgradeLocalToUtc(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return '';
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  let utc = wall - belgradeOffset(wall);
  utc = wall - belgradeOffset(utc);
  return new Date(utc).toISOString().replace(/\.000Z$/, 'Z');
}

/** How late something is: whole days when a day or more, else hours (at least 1). */
export function lateness(iso: string, now: Date = new Date()): { unit: 'days' | 'hours'; count: number } {
  const ms = Math.max(0, now.getTime() - new Date(iso).getTime());
  const days = Math.floor(ms / 86_400_000);
  if (days >= 1) return { unit: 'days', count: days };
  return { unit: 'hours', count: Math.max(1, Math.floor(ms / 3_600_000)) };
}
