import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { formatDateTime } from '@/lib/format';
import type { Role } from '@/lib/types';
import { useOpinionRequests } from './api/opinionRequests';
import { useRiskAssessments } from './api/riskAssessments';
import { Countdown } from './Countdown';
import { OpinionForm } from './OpinionForm';
import { RiskForm } from './RiskForm';
import { useNow } from './time';
import { RISK_FACTORS, type OpinionRequest, type RiskAssessment } from './types';

/** "⚠ Immediate danger" in the urgent colour, or a calm "No immediate danger". */
export function DangerTag({ danger }: { danger: boolean }) {
  const { t } = useTranslation();
  return danger ? (
    <span className="tag tag--urgent">
      <span aria-hidden="true">⚠ </span>
      {t('protection.risk.dangerTag')}
    </span>
  ) : (
    <span className="tag tag--neutral">{t('protection.risk.noDangerTag')}</span>
  );
}

/** Section b: the police's risk assessments and the CSR's opinions on the case. */
export function RiskSection({ caseId, roles, canWrite }: { caseId: string; roles: readonly Role[]; canWrite: boolean }) {
  const { t } = useTranslation();
  const assessments = useRiskAssessments(caseId);
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const police = roles.includes('police_liaison') && canWrite;
  const items = assessments.data?.items ?? [];
  return (
    <section className="dv-section" id="dv-risk" aria-labelledby="dv-risk-title">
      <h2 id="dv-risk-title">{t('protection.risk.title')}</h2>
      <p className="muted">{t('protection.risk.intro')}</p>
      {assessments.isPending ? (
        <SkeletonList rows={2} />
      ) : assessments.isError && !assessments.data ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{t('protection.risk.none')}</p>
      ) : (
        <ul className="plain-list dv-list" aria-label={t('protection.risk.listLabel')}>
          {items.map((a) => (
            <AssessmentItem key={a.id} assessment={a} />
          ))}
        </ul>
      )}
      {police && !adding && (
        <p>
          <button type="button" ref={addButton} className="button button--primary button--large" onClick={() => setAdding(true)}>
            {t('protection.risk.add')}
          </button>
        </p>
      )}
      {adding && (
        <div className="card">
          <RiskForm
            caseId={caseId}
            onDone={() => {
              setAdding(false);
              window.setTimeout(() => addButton.current?.focus(), 0);
            }}
          />
        </div>
      )}
      <Opinions caseId={caseId} assessments={items} canAsk={police} />
    </section>
  );
}

export function AssessmentItem({ assessment: a }: { assessment: RiskAssessment }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card dv-assessment">
      <p className="dv-item__head">
        <strong>{t('protection.risk.assessedBy', { name: a.assessed_by_name, when: formatDateTime(a.assessed_at, i18n.language) })}</strong>
        <DangerTag danger={a.immediate_danger} />
      </p>
      <dl className="dv-factors">
        {RISK_FACTORS.map((f) => (
          <div key={f} className={`dv-factors__row${a.factors[f] === 'yes' ? ' dv-factors__row--yes' : ''}`}>
            <dt>{t(`protection.factor.${f}.short`)}</dt>
            <dd>{a.factors[f] ? t(`protection.answer.${a.factors[f]}`) : '—'}</dd>
          </div>
        ))}
      </dl>
      {a.notes && <p className="prewrap">{a.notes}</p>}
      <p className="muted">
        {a.sent_to_name && a.sent_at ? t('protection.risk.sentTo', { agency: a.sent_to_name, when: formatDateTime(a.sent_at, i18n.language) }) : t('protection.risk.notSent')}
      </p>
    </li>
  );
}

function Opinions({ caseId, assessments, canAsk }: { caseId: string; assessments: RiskAssessment[]; canAsk: boolean }) {
  const { t } = useTranslation();
  const opinions = useOpinionRequests(caseId);
  const [asking, setAsking] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  const items = opinions.data?.items ?? [];
  return (
    <div className="dv-subsection" aria-labelledby="dv-opinions-title" role="group">
      <h3 id="dv-opinions-title">{t('protection.opinion.title')}</h3>
      <p className="muted">{t('protection.opinion.intro')}</p>
      {canAsk && !asking && (
        <p>
          <button type="button" ref={askButton} className="button button--secondary" onClick={() => setAsking(true)}>
            {t('protection.opinion.add')}
          </button>
        </p>
      )}
      {asking && (
        <div className="card">
          <OpinionForm
            caseId={caseId}
            assessments={assessments}
            onDone={() => {
              setAsking(false);
              window.setTimeout(() => askButton.current?.focus(), 0);
            }}
          />
        </div>
      )}
      {opinions.isPending ? (
        <SkeletonList rows={1} />
      ) : opinions.isError && !opinions.data ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{t('protection.opinion.none')}</p>
      ) : (
        <ul className="plain-list dv-list" aria-label={t('protection.opinion.listLabel')}>
          {items.map((o) => (
            <OpinionItem key={o.id} opinion={o} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** An opinion request with its two due times while unanswered (late ones marked), or its answer. */
export function OpinionDue({ opinion: o, now }: { opinion: OpinionRequest; now: Date }) {
  if (o.answered_at) return null;
  return (
    <div className="dv-deadlines">
      <Countdown kind="opinionPolice" at={o.police_due_at} from={o.requested_at} now={now} />
      <Countdown kind="opinionProsecutor" at={o.prosecutor_due_at} from={o.requested_at} now={now} />
    </div>
  );
}

function OpinionItem({ opinion: o }: { opinion: OpinionRequest }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  return (
    <li className="card dv-opinion">
      <p className="dv-item__head">
        <strong>{t('protection.opinion.to', { agency: o.to_agency_name })}</strong>
        {o.answered_at ? <span className="tag tag--ok">{t('protection.opinion.answered')}</span> : <span className="tag tag--neutral">{t('protection.opinion.waiting')}</span>}
      </p>
      <p className="muted">{t('protection.opinion.askedAt', { when: formatDateTime(o.requested_at, i18n.language, now) })}</p>
      <p className="prewrap">{o.question}</p>
      <OpinionDue opinion={o} now={now} />
      {o.answer && o.answered_at && (
        <div className="dv-answer">
          <p className="dv-answer__label">{t('protection.opinion.answerAt', { when: formatDateTime(o.answered_at, i18n.language, now) })}</p>
          <p className="prewrap">{o.answer}</p>
        </div>
      )}
      <p>
        <Link to={`/opinion-requests/${o.id}`}>{t('protection.opinion.open')}</Link>
      </p>
    </li>
  );
}
