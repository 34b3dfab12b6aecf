import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { InlineConfirm } from '@/components/InlineConfirm';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { isApiError } from '@/lib/api';
import { formatDateTime, formatRelative } from '@/lib/format';
import { problemToErrors } from '@/lib/formErrors';
import { useCancelMeeting } from './api/cancelMeeting';
import { meetingIcsUrl, useMeeting } from './api/meeting';
import { useStartMeeting } from './api/startMeeting';
import { AgendaBuilder } from './AgendaBuilder';
import { AgendaView } from './AgendaView';
import { DaysAfterPrevious, MeetingStatusTag } from './bits';
import { ClosedMinutes } from './ClosedMinutes';
import { MeetingMode } from './MeetingMode';
import { PreparationBoard } from './PreparationBoard';
import { ReviewActions } from './ReviewActions';
import type { MeetingDetail } from './types';

/** One meeting: planned (preparation, agenda, start), running (meeting mode), closed (minutes, PDF, addenda) or cancelled. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const meeting = useMeeting(id);
  useDocumentTitle(t('meetings.meeting.documentTitle'));

  if (meeting.isPending) return <SkeletonList rows={5} />;
  if (meeting.isError) {
    const notFound = isApiError(meeting.error) && meeting.error.status === 404;
    return (
      <>
        <h1>{notFound ? t('meetings.meeting.notFoundTitle') : t('meetings.meeting.documentTitle')}</h1>
        <Notice tone={notFound ? 'info' : 'error'}>{notFound ? t('meetings.meeting.notFound') : t('errors.loadFailed')}</Notice>
        <p>
          <Link to="/meetings">{t('meetings.backToMeetings')}</Link>
        </p>
      </>
    );
  }
  return <MeetingBody meeting={meeting.data} />;
}

function MeetingBody({ meeting: d }: { meeting: MeetingDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const chair = d.my_role === 'chair';
  const headingRef = useRef<HTMLHeadingElement>(null);
  const status = useRef(d.status);
  // A new status (started, closed, cancelled) changes the whole page: start reading at its top.
  useEffect(() => {
    if (status.current !== d.status) {
      status.current = d.status;
      headingRef.current?.focus();
    }
  }, [d.status]);

  return (
    <div className={`meeting-page meeting-page--${d.status}`}>
      <p className="back-link">
        <Link to="/meetings">{t('meetings.backToMeetings')}</Link>
      </p>
      <p className="eyebrow">{d.group_name}</p>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('meetings.meeting.heading', { when: formatDateTime(d.starts_at, lang) })}
      </h1>
      <div className="meeting-head">
        <p>
          <MeetingStatusTag status={d.status} /> <span className="muted">({formatRelative(d.starts_at, lang)})</span>
        </p>
        {d.location && (
          <p>
            <strong>{t('meetings.meeting.where')}</strong> {d.location}
          </p>
        )}
        <p>
          <DaysAfterPrevious days={d.days_after_previous} />
        </p>
        {d.late_reason && (
          <p>
            <strong>{t('meetings.list.lateReason')}</strong> {d.late_reason}
          </p>
        )}
        <p>
          <a href={meetingIcsUrl(d.id)} download>
            {t('meetings.list.ics')}
          </a>
        </p>
      </div>
      {chair && d.status === 'planned' && <PlannedSteps meeting={d} />}
      {d.status === 'planned' && (
        <>
          <PreparationBoard meeting={d} />
          {chair ? <AgendaBuilder meeting={d} /> : <AgendaView items={d.items} withRecords={false} />}
          <ReviewActions meeting={d} />
        </>
      )}
      {d.status === 'in_progress' && <MeetingMode meeting={d} />}
      {d.status === 'closed' && (
        <>
          <ClosedMinutes meeting={d} />
          <Attended meeting={d} />
          <AgendaView items={d.items} withRecords title={t('meetings.meeting.recorded')} />
          <ReviewActions meeting={d} />
        </>
      )}
      {d.status === 'cancelled' && (
        <>
          <Notice tone="info">{t('meetings.meeting.cancelled')}</Notice>
          <AgendaView items={d.items} withRecords={false} />
        </>
      )}
    </div>
  );
}

/** The chair starts the meeting (the agenda is brought up to date) or cancels it. */
function PlannedSteps({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const start = useStartMeeting();
  const cancel = useCancelMeeting();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState('');
  const cancelRef = useRef<HTMLButtonElement>(null);
  const fail = (e: unknown) => setProblem(problemToErrors(e, t, {}, { conflict: t('meetings.meeting.stepConflict') }).summary[0]?.message ?? '');
  return (
    <section className="card meeting-steps" aria-labelledby="steps-title">
      <h2 id="steps-title">{t('meetings.meeting.stepsTitle')}</h2>
      <p className="muted">{t('meetings.meeting.startHint')}</p>
      <div aria-live="polite">{problem && <Notice tone="error">{problem}</Notice>}</div>
      {confirming ? (
        <InlineConfirm
          question={t('meetings.meeting.cancelQuestion')}
          detail={t('meetings.meeting.cancelDetail')}
          confirmLabel={t('meetings.meeting.cancelYes')}
          pending={cancel.isPending}
          onConfirm={() =>
            cancel.mutate(meeting.id, {
              onSuccess: () => announce(t('meetings.meeting.cancelledAnnounce')),
              onError: (e) => {
                setConfirming(false);
                fail(e);
              },
            })
          }
          onCancel={() => {
            setConfirming(false);
            window.setTimeout(() => cancelRef.current?.focus(), 0);
          }}
        />
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button--primary meeting-big"
            disabled={start.isPending}
            onClick={() => {
              setProblem('');
              start.mutate(meeting.id, { onSuccess: () => announce(t('meetings.meeting.started')), onError: fail });
            }}
          >
            {start.isPending ? t('common.working') : t('meetings.meeting.start')}
          </button>
          <button type="button" className="button button--secondary" ref={cancelRef} onClick={() => setConfirming(true)}>
            {t('meetings.meeting.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}

/** Who was present (and acknowledged confidentiality) and who sent apologies. */
function Attended({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const present = meeting.attendance.filter((a) => a.presence === 'present');
  const apologies = meeting.attendance.filter((a) => a.presence === 'apologies');
  return (
    <section className="meeting-panel" aria-labelledby="attended-title">
      <h2 id="attended-title">{t('meetings.attendance.title')}</h2>
      {meeting.attendance.length === 0 ? (
        <p className="muted">{t('meetings.attendance.noneRecorded')}</p>
      ) : (
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>{t('meetings.attendance.present')}</dt>
            <dd>
              <PeopleList people={present.map((a) => `${a.display_name} (${a.agency_name})${a.confidentiality_acknowledged_at ? ` — ${t('meetings.attendance.acknowledged')}` : ''}`)} />
            </dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('meetings.attendance.apologies')}</dt>
            <dd>
              <PeopleList people={apologies.map((a) => `${a.display_name} (${a.agency_name})`)} />
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function PeopleList({ people }: { people: string[] }) {
  if (people.length === 0) return <>—</>;
  return (
    <ul className="plain-list">
      {people.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
