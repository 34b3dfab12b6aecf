import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '@/api/me';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextAreaField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { isApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useAnswerOpinion } from './api/answerOpinion';
import { useOpinionRequest } from './api/opinionRequest';
import { OpinionDue } from './RiskSection';
import { useNow } from './time';
import type { OpinionRequest } from './types';

const ANSWER_MAX = 20000;

/**
 * A request for the Center for Social Work's opinion: the question, when it is due (to the
 * police in 8 hours, to the prosecutor in 24), and, for a worker of that CSR while it is
 * unanswered, the form to answer it. Read-only for everyone else.
 */
export function OpinionRequestPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const opinion = useOpinionRequest(id);
  const now = useNow();
  // Never the case or a person in the browser's title.
  useDocumentTitle(t('protection.opinionPage.documentTitle'));

  if (opinion.isPending) return <SkeletonList rows={3} />;
  if (opinion.isError) {
    if (isApiError(opinion.error) && (opinion.error.status === 404 || opinion.error.status === 403)) {
      return (
        <div className="narrow">
          <h1>{t('protection.opinionPage.notFoundTitle')}</h1>
          <p>{t('protection.opinionPage.notFoundBody')}</p>
          <p>
            <Link to="/alerts">← {t('protection.opinionPage.toAlerts')}</Link>
          </p>
        </div>
      );
    }
    return <Notice tone="error">{t('errors.loadFailed')}</Notice>;
  }
  const o = opinion.data;
  const ours = !!me && String(me.agency_id) === String(o.to_agency_id);
  return (
    <div className="dv-narrow">
      <p className="eyebrow">{t('protection.opinionPage.eyebrow')}</p>
      <h1>{t('protection.opinion.to', { agency: o.to_agency_name })}</h1>
      <p className="dv-item__head">
        {o.answered_at ? <span className="tag tag--ok">{t('protection.opinion.answered')}</span> : <span className="tag tag--neutral">{t('protection.opinion.waiting')}</span>}
      </p>
      <section className="card" aria-labelledby="opinion-question-title">
        <h2 id="opinion-question-title">{t('protection.opinionPage.question')}</h2>
        <p className="muted">{t('protection.opinion.askedAt', { when: formatDateTime(o.requested_at, i18n.language, now) })}</p>
        <p className="prewrap">{o.question}</p>
        <OpinionDue opinion={o} now={now} />
        <p>
          <Link to={`/cases/${o.case_id}/dv`}>{t('protection.opinionPage.openCase')}</Link>
        </p>
      </section>
      {o.answer && o.answered_at ? (
        <section className="card" aria-labelledby="opinion-answer-title">
          <h2 id="opinion-answer-title">{t('protection.opinionPage.answer')}</h2>
          <p className="muted">{t('protection.opinion.answerAt', { when: formatDateTime(o.answered_at, i18n.language, now) })}</p>
          <p className="prewrap">{o.answer}</p>
        </section>
      ) : ours ? (
        <AnswerForm opinion={o} />
      ) : (
        <p className="muted">{t('protection.opinionPage.notYours')}</p>
      )}
    </div>
  );
}

function AnswerForm({ opinion }: { opinion: OpinionRequest }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const answer = useAnswerOpinion();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const id = 'opinion-answer';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const v = text.trim();
    const problem = !v ? t('protection.opinionPage.answerRequired') : v.length > ANSWER_MAX ? t('protection.opinionPage.answerTooLong') : '';
    if (problem) {
      setErrors({ fields: { [id]: problem }, summary: [{ fieldId: id, message: problem }] });
      return;
    }
    setErrors(noErrors);
    try {
      await answer.mutateAsync({ id: opinion.id, answer: v });
      announce(t('protection.opinionPage.answered'));
    } catch (err) {
      setErrors(problemToErrors(err, t, { answer: id }, { conflict: t('protection.opinionPage.answeredAlready'), not_found: t('protection.opinionPage.notFoundBody') }, { [id]: t('protection.opinionPage.answerRequired') }));
    }
  }

  return (
    <form className="form card dv-form" onSubmit={submit} noValidate aria-labelledby="opinion-answer-form-title">
      <h2 id="opinion-answer-form-title">{t('protection.opinionPage.answerTitle')}</h2>
      <p className="muted">{t('protection.opinionPage.answerIntro')}</p>
      <ErrorSummary items={errors.summary} />
      <TextAreaField id={id} label={t('protection.opinionPage.answerLabel')} value={text} rows={8} maxLength={ANSWER_MAX} onChange={(e) => setText(e.target.value)} error={errors.fields[id]} />
      <div className="form__actions">
        <button type="submit" className="button button--primary button--large" disabled={answer.isPending}>
          {answer.isPending ? t('common.saving') : t('protection.opinionPage.submit')}
        </button>
      </div>
    </form>
  );
}
