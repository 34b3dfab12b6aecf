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
