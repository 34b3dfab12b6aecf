import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/api/me';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { formatTime } from '@/lib/format';
import { problemToErrors } from '@/lib/formErrors';
import { useAcknowledgeConfidentiality } from './api/acknowledgeConfidentiality';
import { useSetAttendance } from './api/setAttendance';
import { byAgency, useRoster } from './people';
import type { Attendee, MeetingDetail, Person, Presence } from './types';

/**
 * Who is here, by agency: the chair records each person present or with apologies (large
 * toggles for a tablet); each person present acknowledges confidentiality for themselves.
 */
export function AttendancePanel({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const roster = useRoster(meeting);
  const chair = meeting.my_role === 'chair';
  const [problem, setProblem] = useState<{ userId: string; message: string } | null>(null);
  const groups = byAgency(roster.people, t('meetings.attendance.otherAgency'));
  const present = meeting.attendance.filter((a) => a.presence === 'present').length;
  return (
    <section className="meeting-panel" id="mm-attendance" aria-labelledby="attendance-title" tabIndex={-1}>
      <h2 id="attendance-title">{t('meetings.attendance.title')}</h2>
      <p className="muted">{t('meetings.attendance.count', { count: present })}</p>
      <Confidentiality meeting={meeting} />
      {roster.isPending && roster.people.length === 0 ? (
        <SkeletonList rows={3} />
      ) : (
        groups.map((g) => (
          <div key={g.agency} className="attendance-agency">
            <h3>{g.agency}</h3>
            <ul className="attendance-list">
              {g.people.map((p) => (
                <AttendanceRow
                  key={p.id}
                  meetingId={meeting.id}
                  person={p}
                  attendee={meeting.attendance.find((a) => a.user_id === p.id)}
                  canEdit={chair}
                  problem={problem?.userId === p.id ? problem.message : ''}
                  onProblem={(message) => setProblem(message ? { userId: p.id, message } : null)}
                />
              ))}
            </ul>
          </div>
        ))
      )}
      {chair && <p className="muted small">{t('meetings.attendance.whoIsListed')}</p>}
    </section>
  );
}

function AttendanceRow({
  meetingId,
  person,
  attendee,
  canEdit,
  problem,
  onProblem,
}: {
  meetingId: string;
  person: Person;
  attendee?: Attendee;
  canEdit: boolean;
  problem: string;
  onProblem: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const set = useSetAttendance();
  const [pending, setPending] = useState<Presence | null>(null);
  const presence = attendee?.presence;
  const choose = (p: Presence) => {
    onProblem('');
    setPending(p);
    set.mutate(
      { meetingId, userId: person.id, presence: p },
      {
        onSuccess: () => announce(t(`meetings.attendance.recorded.${p}`, { name: person.name })),
        onError: (e) =>
          onProblem(
            problemToErrors(e, t, { user_id: 'x', presence: 'x' }, { conflict: t('meetings.notRunning') }, { x: t('meetings.attendance.notMember', { name: person.name }) }).summary[0]?.message ?? '',
          ),
        onSettled: () => setPending(null),
      },
    );
  };
  return (
    <li className="attendance-row">
      <div className="attendance-row__who">
        <span className="attendance-row__name">{person.name}</span>
        <span className="attendance-row__state">
          {presence === 'present' ? (
            <span className="tag meeting-tag tag--ok">
              <span aria-hidden="true">✓ </span>
              {t('meetings.attendance.present')}
            </span>
          ) : presence === 'apologies' ? (
            <span className="tag meeting-tag tag--neutral">
              <span aria-hidden="true">✉ </span>
              {t('meetings.attendance.apologies')}
            </span>
          ) : (
            <span className="tag meeting-tag tag--neutral">
              <span aria-hidden="true">○ </span>
              {t('meetings.attendance.notRecorded')}
            </span>
          )}
          {attendee?.confidentiality_acknowledged_at && (
            <span className="tag meeting-tag tag--ok">
              <span aria-hidden="true">✓ </span>
              {t('meetings.attendance.acknowledgedAt', { time: formatTime(attendee.confidentiality_acknowledged_at, i18n.language) })}
            </span>
          )}
        </span>
      </div>
      {canEdit && (
        <div className="attendance-row__buttons" role="group" aria-label={t('meetings.attendance.for', { name: person.name })}>
          {(['present', 'apologies'] as const).map((p) => (
            <button key={p} type="button" className={`button meeting-toggle${presence === p ? ' meeting-toggle--on' : ''}`} aria-pressed={presence === p} disabled={!!pending} onClick={() => choose(p)}>
              {presence === p && pending !== p && <span aria-hidden="true">✓ </span>}
              {pending === p ? t('common.saving') : t(`meetings.attendance.${p}`)}
            </button>
          ))}
        </div>
      )}
      {problem && (
        <p className="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </p>
      )}
    </li>
  );
}

/** The signed-in attendee acknowledges the meeting's confidentiality for themselves. */
function Confidentiality({ meeting }: { meeting: MeetingDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const announce = useAnnounce();
  const ack = useAcknowledgeConfidentiality();
  const [problem, setProblem] = useState('');
  const mine = meeting.attendance.find((a) => a.user_id === String(me?.id ?? ''));
  return (
    <div className="meeting-confidentiality card" aria-live="polite">
      <h3>{t('meetings.confidentiality.title')}</h3>
      <p>{t('meetings.confidentiality.text')}</p>
      {mine?.confidentiality_acknowledged_at ? (
        <p className="field-ok">
          <span aria-hidden="true">✓ </span>
          {t('meetings.confidentiality.done', { time: formatTime(mine.confidentiality_acknowledged_at, i18n.language) })}
        </p>
      ) : mine?.presence === 'present' ? (
        <button
          type="button"
          className="button button--primary meeting-big"
          disabled={ack.isPending}
          onClick={() => {
            setProblem('');
            ack.mutate(meeting.id, {
              onSuccess: () => announce(t('meetings.confidentiality.announced')),
              onError: (e) => setProblem(problemToErrors(e, t, {}, { conflict: t('meetings.confidentiality.notPresent') }).summary[0]?.message ?? ''),
            });
          }}
        >
          {ack.isPending ? t('common.saving') : t('meetings.confidentiality.acknowledge')}
        </button>
      ) : (
        <p className="muted">{t('meetings.confidentiality.firstPresent')}</p>
      )}
      {problem && <Notice tone="error">{problem}</Notice>}
    </div>
  );
}
