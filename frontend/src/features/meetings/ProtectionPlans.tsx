import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { isApiError } from '@/lib/api';
import { formatDate, formatDateTime } from '@/lib/format';
import { useAdoptPlan } from './api/adoptPlan';
import { useProtectionPlans } from './api/protectionPlans';
import type { MeetingDetail, ProtectionPlan } from './types';

const MEASURE_FIELD = /^measures\[(\d+)\]\.(executor_agency_id|executor_user_id|due_at)$/;

/**
 * What is missing from a plan, in words: the server names each part (measures[1].executor_user_id,
 * monitoring, participation) and the SPA says which measure and what to add.
 */
export function adoptionProblems(e: unknown, plan: ProtectionPlan, t: TFunction): string[] {
  if (!isApiError(e)) return [t('errors.internal')];
  if (e.code === 'validation' && e.errors.length > 0) {
    return e.errors.map(({ field }) => {
      const m = MEASURE_FIELD.exec(field);
      if (m) {
        const i = Number(m[1]);
        const what = plan.measures[i]?.description ?? '';
        return t(`meetings.plans.missing.${m[2]}`, { n: i + 1, what });
      }
      if (field === 'measures') return plan.measures.length === 0 ? t('meetings.plans.missing.measures') : t('meetings.plans.missing.wall');
      if (field === 'monitoring' || field === 'participation' || field === 'meeting_id') return t(`meetings.plans.missing.${field}`);
      return t('errors.invalidField');
    });
  }
  if (e.code === 'conflict') return [t('meetings.plans.conflict')];
  if (e.code === 'forbidden') return [t('meetings.plans.forbidden')];
  if (e.code === 'wall') return [t('errors.wall')];
  return [t(`errors.${['not_found', 'network', 'too_many_requests'].includes(e.code) ? e.code : 'internal'}`)];
}

/** The protection and support plans of the item's case; the chair adopts a complete draft while the meeting runs. */
export function ProtectionPlans({ meeting, caseId, itemTitle }: { meeting: MeetingDetail; caseId: string; itemTitle: string }) {
  const { t } = useTranslation();
  const plans = useProtectionPlans(caseId);
  const items = plans.data?.items ?? [];
  return (
    <section className="meeting-plans" aria-label={t('meetings.plans.title', { title: itemTitle })}>
      <h4>{t('meetings.plans.heading')}</h4>
      {plans.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : plans.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{t('meetings.plans.none')}</p>
      ) : (
        items.map((p) => <PlanCard key={p.id} meeting={meeting} plan={p} />)
      )}
    </section>
  );
}

function PlanCard({ meeting, plan }: { meeting: MeetingDetail; plan: ProtectionPlan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const announce = useAnnounce();
  const adopt = useAdoptPlan();
  const [problems, setProblems] = useState<string[]>([]);
  const canAdopt = meeting.my_role === 'chair' && meeting.status === 'in_progress' && plan.status === 'draft';
  const headingId = `plan-${plan.id}`;

  const doAdopt = () => {
    setProblems([]);
    adopt.mutate(
      { planId: plan.id, caseId: plan.case_id, meetingId: meeting.id },
      {
        onSuccess: () => announce(t('meetings.plans.adopted', { name: plan.victim_name })),
        onError: (e) => setProblems(adoptionProblems(e, plan, t)),
      },
    );
  };

  return (
    <article className="card meeting-plan" aria-labelledby={headingId}>
      <h5 id={headingId} className="meeting-plan__title">
        {t('meetings.plans.for', { name: plan.victim_name })}{' '}
        {plan.status === 'adopted' ? (
          <span className="tag meeting-tag tag--ok">
            <span aria-hidden="true">✓ </span>
            {t('meetings.plans.status.adopted')}
          </span>
        ) : (
          <span className="tag meeting-tag tag--neutral">
            <span aria-hidden="true">✎ </span>
            {t('meetings.plans.status.draft')}
          </span>
        )}
      </h5>
      {plan.adopted_at && <p className="meeting-row__meta">{t('meetings.plans.adoptedAt', { when: formatDateTime(plan.adopted_at, lang) })}</p>}
      {plan.measures.length === 0 ? (
        <p className="muted">{t('meetings.plans.noMeasures')}</p>
      ) : (
        <ol className="meeting-plan__measures">
          {plan.measures.map((m) => (
            <li key={m.id}>
              <strong>{t(`meetings.plans.kinds.${m.kind}`)}:</strong> {m.description}
              <br />
              <span className="meeting-row__meta">
                {m.executor_name ?? t('meetings.plans.noPerson')}
                {m.executor_agency_name ? ` (${m.executor_agency_name})` : ''} · {m.due_at ? t('meetings.plans.due', { date: formatDate(m.due_at, lang) }) : t('meetings.plans.noDue')}
              </span>
            </li>
          ))}
        </ol>
      )}
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('meetings.plans.monitoring')}</dt>
          <dd className="prewrap">{plan.monitoring || <span className="muted">{t('meetings.plans.notWritten')}</span>}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('meetings.plans.participation')}</dt>
          <dd>{plan.participation ? t(`meetings.plans.participations.${plan.participation}`) : <span className="muted">{t('meetings.plans.notWritten')}</span>}</dd>
        </div>
      </dl>
      <div aria-live="polite">
        {problems.length > 0 && (
          <Notice tone="error" title={t('meetings.plans.cannotAdopt')}>
            <ul className="bullets">
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
            <p>
              <Link to={`/cases/${plan.case_id}`}>{t('meetings.plans.openCase')}</Link>
            </p>
          </Notice>
        )}
      </div>
      {canAdopt && (
        <button type="button" className="button button--primary meeting-big" onClick={doAdopt} disabled={adopt.isPending}>
          {adopt.isPending ? t('common.working') : t('meetings.plans.adopt')}
          <span className="visually-hidden"> — {plan.victim_name}</span>
        </button>
      )}
    </article>
  );
}
