import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/api/me';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { formatDate, formatDateTime, formatRelative } from '@/lib/format';
import { useCadence } from './api/cadence';
import { useGroupMeetings } from './api/groupMeetings';
import { meetingIcsUrl } from './api/meeting';
import { DaysAfterPrevious, MeetingStatusTag } from './bits';
import { GroupStatistics } from './GroupStatistics';
import { ScheduleForm } from './ScheduleForm';
import { calendarDays, MAX_DAYS } from './time';
import type { Cadence, CoordinationGroup, Meeting } from './types';

/** One group: where it stands against the 15-day rule, its meetings, planning the next (chair), its numbers. */
export function GroupCalendar({ group }: { group: CoordinationGroup }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const meetings = useGroupMeetings(group.id);
  const cadence = useCadence(group.id);
  const chair = !!me && String(me.id) === String(group.chair_id);
  const headingId = `group-${group.id}`;
  const now = Date.now();
  const all = meetings.data?.items ?? [];
  const upcoming = all.filter((m) => m.status === 'in_progress' || (m.status !== 'closed' && new Date(m.starts_at).getTime() >= now)).reverse();
  const past = all.filter((m) => !upcoming.includes(m));

  return (
    <section className="meeting-group" aria-labelledby={headingId}>
      <h2 id={headingId}>{group.name}</h2>
      <p className="eyebrow">{chair ? t('meetings.group.youChair') : t('meetings.group.youMember')}</p>
      {cadence.isPending ? <SkeletonList rows={1} /> : cadence.isError ? <Notice tone="error">{t('errors.loadFailed')}</Notice> : <CadenceSummary cadence={cadence.data} chair={chair} />}
      {meetings.isPending ? (
        <SkeletonList rows={3} />
      ) : meetings.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        <>
          <h3>{t('meetings.list.upcoming')}</h3>
          <MeetingList meetings={upcoming} label={t('meetings.list.upcomingLabel', { group: group.name })} empty={t('meetings.list.noneUpcoming')} />
          {chair && !cadence.isPending && <ScheduleForm group={group} meetings={all} cadence={cadence.data} />}
          <h3>{t('meetings.list.past')}</h3>
          <MeetingList meetings={past} label={t('meetings.list.pastLabel', { group: group.name })} empty={t('meetings.list.nonePast')} />
        </>
      )}
      <GroupStatistics group={group} />
    </section>
  );
}

/** When the group last met and next meets; from day 10 with nothing planned a warning, after day 15 overdue. */
function CadenceSummary({ cadence, chair }: { cadence: Cadence; chair: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const since = cadence.last_meeting_at ? calendarDays(cadence.last_meeting_at, new Date().toISOString()) : null;
  return (
    <>
      {cadence.overdue ? (
        <Notice tone="error" title={t('meetings.cadence.overdueTitle')} role="alert">
          <p>{t('meetings.cadence.overdue', { count: since ?? MAX_DAYS, due: cadence.due_by ? formatDate(cadence.due_by, lang) : '' })}</p>
          <p>{chair ? t('meetings.cadence.overdueChair') : t('meetings.cadence.overdueMember')}</p>
        </Notice>
      ) : cadence.warning ? (
        <Notice tone="warning" title={t('meetings.cadence.warningTitle')} role="status">
          <p>{t('meetings.cadence.warning', { count: since ?? 10, due: cadence.due_by ? formatDate(cadence.due_by, lang) : '' })}</p>
          <p>{chair ? t('meetings.cadence.warningChair') : t('meetings.cadence.warningMember')}</p>
        </Notice>
      ) : null}
      <dl className="summary-list meeting-cadence">
        <div className="summary-list__row">
          <dt>{t('meetings.cadence.last')}</dt>
          <dd>
            {cadence.last_meeting_at ? (
              <>
                <time dateTime={cadence.last_meeting_at}>{formatDateTime(cadence.last_meeting_at, lang)}</time>{' '}
                <span className="muted">({formatRelative(cadence.last_meeting_at, lang)})</span>
              </>
            ) : (
              t('meetings.cadence.never')
            )}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('meetings.cadence.next')}</dt>
          <dd>
            {cadence.next_meeting_at ? (
              <>
                <time dateTime={cadence.next_meeting_at}>{formatDateTime(cadence.next_meeting_at, lang)}</time>{' '}
                <span className="muted">({formatRelative(cadence.next_meeting_at, lang)})</span>
              </>
            ) : (
              t('meetings.cadence.noneNext')
            )}
          </dd>
        </div>
        {cadence.due_by && (
          <div className="summary-list__row">
            <dt>{t('meetings.cadence.dueBy', { max: MAX_DAYS })}</dt>
            <dd>
              <time dateTime={cadence.due_by}>{formatDate(cadence.due_by, lang)}</time>
            </dd>
          </div>
        )}
      </dl>
    </>
  );
}

function MeetingList({ meetings, label, empty }: { meetings: Meeting[]; label: string; empty: string }) {
  if (meetings.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="meeting-list" aria-label={label}>
      {meetings.map((m) => (
        <MeetingRow key={m.id} meeting={m} />
      ))}
    </ul>
  );
}

function MeetingRow({ meeting: m }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation();
  const when = formatDateTime(m.starts_at, i18n.language);
  return (
    <li className={`meeting-row${m.status === 'cancelled' ? ' meeting-row--cancelled' : ''}`}>
      <p className="meeting-row__title">
        <Link to={`/meetings/${m.id}`}>
          <time dateTime={m.starts_at}>{when}</time>
        </Link>{' '}
        <MeetingStatusTag status={m.status} />
      </p>
      {m.location && <p className="meeting-row__meta">{m.location}</p>}
      <p className="meeting-row__meta">
        <DaysAfterPrevious days={m.days_after_previous} />
      </p>
      {m.late_reason && (
        <p className="meeting-row__meta">
          <strong>{t('meetings.list.lateReason')}</strong> {m.late_reason}
        </p>
      )}
      <p className="meeting-row__meta">
        <a href={meetingIcsUrl(m.id)} download>
          {t('meetings.list.ics')}
          <span className="visually-hidden"> — {when}</span>
        </a>
      </p>
    </li>
  );
}
