import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { formatDateTime } from '@/lib/format';
import { problemToErrors } from '@/lib/formErrors';
import { useReviewAction } from './api/reviewAction';
import { OutcomeTag } from './AgendaView';
import { OUTCOMES, type MeetingAction, type MeetingDetail, type Outcome } from './types';

/**
 * The actions earlier meetings gave and nobody reviewed yet: done, or, when not done, whether
 * circumstances changed or it was not carried out.
 */
export function ReviewActions({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const canReview = meeting.my_role === 'chair' && meeting.status === 'in_progress';
  const open = meeting.actions_to_review.filter((a) => !a.outcome).length;
  return (
    <section className="meeting-panel" id="mm-review" aria-labelledby="review-title" tabIndex={-1}>
      <h2 id="review-title">{t('meetings.review.title')}</h2>
      {meeting.actions_to_review.length === 0 ? (
        <p className="muted">{t('meetings.review.none')}</p>
      ) : (
        <>
          <p className="muted">{open === 0 ? t('meetings.review.allDone') : t('meetings.review.open', { count: open })}</p>
          <ul className="meeting-actions">
            {meeting.actions_to_review.map((a) => (
              <ReviewRow key={a.id} meetingId={meeting.id} action={a} canReview={canReview} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ReviewRow({ meetingId, action: a, canReview }: { meetingId: string; action: MeetingAction; canReview: boolean }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const review = useReviewAction();
  const [pending, setPending] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState('');
  const choose = (outcome: Outcome) => {
    setProblem('');
    setPending(outcome);
    review.mutate(
      { meetingId, actionId: a.id, outcome },
      {
        onSuccess: () => announce(t('meetings.review.saved', { title: a.title, outcome: t(`meetings.review.outcomes.${outcome}`) })),
        onError: (e) => setProblem(problemToErrors(e, t, {}, { conflict: t('meetings.review.conflict') }).summary[0]?.message ?? ''),
        onSettled: () => setPending(null),
      },
    );
  };
  return (
    <li className="meeting-action">
      <p className="meeting-action__title">{a.title}</p>
      <p className="meeting-row__meta">{t('meetings.actions.who', { agency: a.agency_name, name: a.assignee_name, due: formatDateTime(a.due_at, i18n.language) })}</p>
      {a.outcome ? (
        <p>
          <OutcomeTag outcome={a.outcome} />
        </p>
      ) : canReview ? (
        <div className="review-buttons" role="group" aria-label={t('meetings.review.for', { title: a.title })}>
          {OUTCOMES.map((o) => (
            <button key={o} type="button" className="button button--secondary meeting-big" disabled={!!pending} onClick={() => choose(o)}>
              {pending === o ? t('common.saving') : t(`meetings.review.outcomes.${o}`)}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted">{t('meetings.review.notYet')}</p>
      )}
      {problem && <Notice tone="error">{problem}</Notice>}
    </li>
  );
}
