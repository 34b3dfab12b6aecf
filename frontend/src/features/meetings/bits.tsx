import { useTranslation } from 'react-i18next';
import type { RiskLevel } from '@/lib/types';
import type { MeetingStatus } from './types';
import { MAX_DAYS } from './time';

const statusIcon: Record<MeetingStatus, string> = { planned: '◷', in_progress: '▶', closed: '✓', cancelled: '✕' };

/** A meeting's status as an icon and a word. */
export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  const tone = status === 'in_progress' ? 'tag--live' : status === 'closed' ? 'tag--ok' : 'tag--neutral';
  return (
    <span className={`tag meeting-tag ${tone}`}>
      <span aria-hidden="true">{statusIcon[status]} </span>
      {t(`meetings.status.${status}`)}
    </span>
  );
}

/** A repeat case (a new incident or a breach since its last review): an icon and a word, never colour alone. */
export function RepeatMark() {
  const { t } = useTranslation();
  return (
    <span className="tag tag--urgent meeting-tag">
      <span aria-hidden="true">↻ </span>
      {t('meetings.agenda.repeat')}
    </span>
  );
}

const URGENT: readonly RiskLevel[] = ['high', 'very_high'];

/** The case's risk as an icon and a word. */
export function RiskMark({ level }: { level: RiskLevel }) {
  const { t } = useTranslation();
  const urgent = URGENT.includes(level);
  return (
    <span className={`tag meeting-tag ${urgent ? 'tag--urgent' : 'tag--neutral'}`}>
      <span aria-hidden="true">{urgent ? '⚠ ' : '● '}</span>
      {t('meetings.risk', { level: t(`risk.${level}`) })}
    </span>
  );
}

/** "17 days after the previous meeting", with a warning past the 15 days. */
export function DaysAfterPrevious({ days }: { days: number | null }) {
  const { t } = useTranslation();
  if (days === null) return <span className="muted">{t('meetings.list.first')}</span>;
  const late = days > MAX_DAYS;
  return (
    <span className={late ? 'meeting-late' : undefined}>
      {late && <span aria-hidden="true">⚠ </span>}
      {t('meetings.list.daysAfter', { count: days })}
      {late && <> — {t('meetings.list.overLimit', { max: MAX_DAYS })}</>}
    </span>
  );
}
