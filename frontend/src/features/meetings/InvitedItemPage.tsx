import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { isApiError } from '@/lib/api';
import { formatDate, formatDateTime, formatRelative } from '@/lib/format';
import { useInvitedItem } from './api/invitedItem';
import { MeetingStatusTag, RepeatMark, RiskMark } from './bits';

/**
 * What an occasional member sees of the meeting they are invited to: this one item, when and
 * where, and the plan of its case. It ends when the meeting closes.
 */
export function InvitedItemPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id = '' } = useParams();
  const q = useInvitedItem(id);
  useDocumentTitle(t('meetings.invited.documentTitle'));

  if (q.isPending) return <SkeletonList rows={4} />;
  if (q.isError) {
    const ended = isApiError(q.error) && q.error.status === 404;
    return (
      <>
        <h1>{ended ? t('meetings.invited.endedTitle') : t('meetings.invited.documentTitle')}</h1>
        <Notice tone={ended ? 'info' : 'error'}>{ended ? t('meetings.invited.ended') : t('errors.loadFailed')}</Notice>
        <p>
          <Link to="/meetings">{t('meetings.backToMeetings')}</Link>
        </p>
      </>
    );
  }
  const { item, plan } = q.data;
  return (
    <>
      <p className="back-link">
        <Link to="/meetings">{t('meetings.backToMeetings')}</Link>
      </p>
      <p className="eyebrow">{q.data.group_name}</p>
      <h1>{item.title}</h1>
      <Notice tone="info">{t('meetings.invited.scope')}</Notice>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('meetings.invited.when')}</dt>
          <dd>
            <time dateTime={q.data.starts_at}>{formatDateTime(q.data.starts_at, lang)}</time> <span className="muted">({formatRelative(q.data.starts_at, lang)})</span>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('meetings.invited.where')}</dt>
          <dd>{q.data.location || '—'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('meetings.invited.status')}</dt>
          <dd>
            <MeetingStatusTag status={q.data.status} />
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('meetings.invited.section')}</dt>
          <dd>{t(`meetings.sections.${item.section}`)}</dd>
        </div>
      </dl>
      {(item.repeat || item.risk_level) && (
        <p>
          {item.repeat && <RepeatMark />} {item.risk_level && <RiskMark level={item.risk_level} />}
        </p>
      )}
      <section aria-labelledby="invited-plan-title">
        <h2 id="invited-plan-title">{t('meetings.invited.plan')}</h2>
        {!plan || plan.goals.length === 0 ? (
          <p className="muted">{t('meetings.invited.noPlan')}</p>
        ) : (
          <>
            {plan.review_date && <p className="muted">{t('meetings.invited.reviewDate', { date: formatDate(plan.review_date, lang) })}</p>}
            <ul className="plain-list">
              {plan.goals.map((g) => (
                <li key={g.id} className="card">
                  <h3>{g.title}</h3>
                  {g.in_own_words && <p className="prewrap">{g.in_own_words}</p>}
                  {g.actions.length === 0 ? (
                    <p className="muted">{t('meetings.invited.noSteps')}</p>
                  ) : (
                    <ul className="bullets">
                      {g.actions.map((a) => (
                        <li key={a.id}>
                          {a.title}
                          {a.due_date && <span className="muted"> — {t('meetings.plans.due', { date: formatDate(a.due_date, lang) })}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
