import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/agencies';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextAreaField } from '@/components/Field';
import { FormActions } from '@/components/FormActions';
import { useAnnounce } from '@/components/Status';
import { formatDateTime } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { useCreateOpinionRequest } from './api/createOpinionRequest';
import { byName } from './RiskForm';
import type { RiskAssessment } from './types';

const QUESTION_MAX = 4000;
const IDS = { to_agency_id: 'opinion-agency', question: 'opinion-question', assessment_id: 'opinion-assessment' };

/** The officer asks a Center for Social Work for its opinion (due to the police in 8 h, to the prosecutor in 24). */
export function OpinionForm({ caseId, assessments, onDone }: { caseId: string; assessments: RiskAssessment[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const agencies = useAgencies();
  const create = useCreateOpinionRequest(caseId);
  const csrs = (agencies.data?.items ?? []).filter((a) => a.type === 'csr').sort(byName);
  const [agency, setAgency] = useState('');
  const [question, setQuestion] = useState('');
  const [assessment, setAssessment] = useState(assessments[0]?.id ?? '');
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  function check(): FieldErrors {
    const f: FieldErrors = {};
    if (!agency) f[IDS.to_agency_id] = t('protection.opinion.agencyRequired');
    if (!question.trim()) f[IDS.question] = t('protection.opinion.questionRequired');
    else if (question.trim().length > QUESTION_MAX) f[IDS.question] = t('protection.opinion.questionTooLong');
    return f;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const f = check();
    if (Object.keys(f).length > 0) {
      setErrors(fromFieldErrors(f));
      return;
    }
    setErrors(noErrors);
    try {
      const o = await create.mutateAsync({ to_agency_id: agency, question: question.trim(), assessment_id: assessment || undefined });
      announce(t('protection.opinion.sent', { agency: o.to_agency_name }));
      onDone();
    } catch (err) {
      setErrors(
        problemToErrors(err, t, IDS, { forbidden: t('protection.opinion.forbidden'), not_found: t('protection.caseGone') }, {
          [IDS.to_agency_id]: t('protection.opinion.agencyRequired'),
          [IDS.question]: t('protection.opinion.questionTooLong'),
          [IDS.assessment_id]: t('protection.opinion.assessmentInvalid'),
        }),
      );
    }
  }

  return (
    <form className="form dv-form" onSubmit={submit} noValidate aria-labelledby="opinion-form-title">
      <h4 id="opinion-form-title">{t('protection.opinion.formTitle')}</h4>
      <p className="muted">{t('protection.opinion.formIntro')}</p>
      <ErrorSummary items={errors.summary} />
      <SelectField id={IDS.to_agency_id} label={t('protection.opinion.agency')} value={agency} onChange={(e) => setAgency(e.target.value)} error={errors.fields[IDS.to_agency_id]}>
        <option value="">{agencies.isPending ? t('common.loading') : t('protection.opinion.chooseAgency')}</option>
        {csrs.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={IDS.question}
        label={t('protection.opinion.question')}
        hint={t('protection.opinion.questionHint')}
        value={question}
        rows={4}
        maxLength={QUESTION_MAX}
        onChange={(e) => setQuestion(e.target.value)}
        error={errors.fields[IDS.question]}
      />
      {assessments.length > 0 && (
        <SelectField id={IDS.assessment_id} label={t('protection.opinion.assessment')} value={assessment} onChange={(e) => setAssessment(e.target.value)} error={errors.fields[IDS.assessment_id]}>
          <option value="">{t('protection.opinion.noAssessment')}</option>
          {assessments.map((a) => (
            <option key={a.id} value={a.id}>
              {t('protection.opinion.assessmentOf', { when: formatDateTime(a.assessed_at, i18n.language) })}
            </option>
          ))}
        </SelectField>
      )}
      <FormActions pending={create.isPending} submitLabel={t('protection.opinion.submit')} onCancel={onDone} />
    </form>
  );
}
