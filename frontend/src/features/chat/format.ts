import { TIME_ZONE } from '@/lib/format';

const intlLocale: Record<string, string> = { 'sr-Latn': 'sr-Latn-RS', 'sr-Cyrl': 'sr-Cyrl-RS', en: 'en-GB' };
const localeOf = (lang: string) => intlLocale[lang] ?? intlLocale['sr-Latn']!;

/** The Belgrade calendar day of an instant, as YYYY-MM-DD (messages are grouped by it). */
export function dayKey(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** "utorak 24. novembar" / "Tuesday 24 November" (with the year when not this year). */
export function dayName(iso: string, lang: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat(localeOf(lang), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }).formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  const en = lang === 'en';
  const dayMonth = en ? `${get('day')} ${get('month')}` : `${get('day')}. ${get('month')}`;
  const thisYear = dayKey(now).slice(0, 4) === dayKey(d).slice(0, 4);
  return `${get('weekday')} ${dayMonth}${thisYear ? '' : en ? ` ${get('year')}` : ` ${get('year')}.`}`;
}

/** 0 for today, 1 for yesterday, and so on (Belgrade days). */
export function daysAgo(iso: string, now: Date = new Date()): number {
  const a = Date.parse(`${dayKey(now)}T00:00:00Z`);
  const b = Date.parse(`${dayKey(iso)}T00:00:00Z`);
  return Math.round((a - b) / 86_400_000);
}

/** Folds case and diacritics, so that "jel" finds "Jelena" and "dord" finds "Đorđe". */
export function fold(s: string): string {
  return s
    .toLocaleLowerCase()
    .replace(/đ/g, 'dj')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}
