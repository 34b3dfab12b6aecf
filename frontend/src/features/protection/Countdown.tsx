import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { durationParts, useNow } from './time';

/** The deadlines a countdown can show, each with its own words before and after. */
export const DEADLINE_KINDS = [
  'expires',
  'proposal',
  'decision',
  'extension',
  'appealFile',
  'appealForward',
  'appealDecision',
  'opinionPolice',
  'opinionProsecutor',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** An end rather than a duty: once past, it is history, not something late. */
const ENDINGS: readonly DeadlineKind[] = ['expires', 'extension', 'appealFile'];

const DAY = 86_400_000;

/** "31 h 20 min", "45 min", "3 days 4 h": a span in words, to the minute. */
export function formatSpan(ms: number, t: TFunction): string {
  const { days, hours, totalHours, minutes } = durationParts(ms);
  if (totalHours >= 48) {
    const d = t('protection.duration.days', { count: days });
    return hours > 0 ? t('protection.duration.daysHours', { days: d, h: hours }) : d;
  }
  if (totalHours >= 1) return t('protection.duration.hoursMinutes', { h: totalHours, m: minutes });
  return t('protection.duration.minutes', { m: minutes });
}

type Props = {
  kind: DeadlineKind;
  at: string;
  /** When the span began (service, the proposal ...): draws the bar of time used. */
  from?: string | null;
  /** For tests and for lists that share one clock; otherwise the countdown keeps its own, every minute. */
  now?: Date;
};

/**
 * A live countdown to a deadline: words first ("Expires in 31 h 20 min", "Court's decision
 * 2 h 5 min late"), then the time itself; under a day left or late it takes the urgent
 * colour with an icon and a word. Updated every minute.
 */
export function Countdown({ kind, at, from, now: given }: Props) {
  const own = useNow();
  const now = given ?? own;
  const { t, i18n } = useTranslation();
  const end = new Date(at).getTime();
  const left = end - now.getTime();
  const past = left <= 0;
  const ended = past && ENDINGS.includes(kind);
  const tone = ended ? 'ended' : past ? 'late' : left < DAY ? 'soon' : 'calm';
  const span = formatSpan(left, t);
  const words = past ? t(`protection.deadline.${kind}.past`, { ago: span }) : t(`protection.deadline.${kind}.future`, { left: span });
  const start = from ? new Date(from).getTime() : NaN;
  const used = Number.isFinite(start) && end > start ? Math.min(1, Math.max(0, (now.getTime() - start) / (end - start))) : null;
  return (
    <div className={`countdown countdown--${tone}`}>
      <p className="countdown__words">
        {(tone === 'soon' || tone === 'late') && (
          <>
            <span aria-hidden="true">⚠ </span>
            <strong className="countdown__flag">{t(`protection.countdown.${tone}`)}: </strong>
          </>
        )}
        <strong>{words}</strong>
        <span className="countdown__when">
          {' '}
          · <time dateTime={at}>{formatDateTime(at, i18n.language, now)}</time>
        </span>
      </p>
      {used !== null && !past && (
        <div className="countdown__bar" aria-hidden="true">
          <div className="countdown__used" style={{ width: `${Math.round(used * 100)}%` }} />
        </div>
      )}
    </div>
  );
}
