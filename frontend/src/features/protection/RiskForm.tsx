import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/agencies';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextAreaField } from '@/components/Field';
import { FormActions } from '@/components/FormActions';
import { useAnnounce } from '@/components/Status';
import { isApiError } from '@/lib/api';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import type { Agency } from '@/lib/types';
import { useCreateRiskAssessment } from './api/createRiskAssessment';
import { checkReportedTime, DateTimeField, nowLocal, RadioGroup, wordTimeError } from './fields';
import { localToUtc } from './time';
import { FACTOR_ANSWERS, RISK_FACTORS, type FactorAnswer, type RiskFactor } from './types';

const NOTES_MAX = 20000;
const factorId = (f: RiskFactor) => `risk-factor-${f}`;
const IDS = { assessed_at: 'risk-assessed', immediate_danger: 'risk-danger', notes: 'risk-notes', sent_to: 'risk-sent-to' };

export function byName(a: Agency, b: Agency) {
  return a.name.localeCompare(b.name, 'sr');
}

type Answers = Record<RiskFactor, FactorAnswer | ''>;
const blank = () => Object.fromEntries(RISK_FACTORS.map((f) => [f, ''])) as Answers;

/**
 * The police officer's risk assessment (Art. 16 of the law): each factor answered yes, no or
 * "don't know", in plain words; whether there is immediate danger; notes; and, if it is to be
 * sent now, to the prosecutor's office or the Center for Social Work.
 */
export function RiskForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const agencies = useAgencies();
  const create = useCreateRiskAssessment(caseId);
  const [assessed, setAssessed] = useState(nowLocal);
  const [answers, setAnswers] = useState<Answers>(blank);
  const [danger, setDanger] = useState<'yes' | 'no' | ''>('');
  const [notes, setNotes] = useState('');
  const [sentTo, setSentTo] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const all = agencies.data?.items ?? [];
  const groups = (['prosecutor', 'csr'] as const).map((type) => ({ type, items: all.filter((a) => a.type === type).sort(byName) })).filter((g) => g.items.length > 0);

  function check(): FieldErrors {
    const f: FieldErrors = {};
    const e = checkReportedTime(assessed, t);
    if (e) f[IDS.assessed_at] = e;
    for (const factor of RISK_FACTORS) if (!answers[factor]) f[factorId(factor)] = t('protection.risk.factorRequired', { factor: t(`protection.factor.${factor}.short`) });
    if (!danger) f[IDS.immediate_danger] = t('protection.risk.dangerRequired');
    if (notes.trim().length > NOTES_MAX) f[IDS.notes] = t('protection.risk.notesTooLong');
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
      const a = await create.mutateAsync({
        assessed_at: localToUtc(assessed),
        factors: answers as Record<RiskFactor, FactorAnswer>,
        immediate_danger: danger === 'yes',
        notes: notes.trim() || undefined,
        sent_to: sentTo || undefined,
      });
      announce(a.immediate_danger ? t('protection.risk.recordedDanger') : t('protection.risk.recorded'));
      onDone();
    } catch (err) {
      const map: Record<string, string> = { ...IDS };
      for (const factor of RISK_FACTORS) map[`factors.${factor}`] = factorId(factor);
      const words: Record<string, string> = { [IDS.immediate_danger]: t('protection.risk.dangerRequired'), [IDS.sent_to]: t('protection.risk.sentToInvalid') };
      const m = isApiError(err) ? err.fieldMessage('assessed_at') : undefined;
      if (m) words[IDS.assessed_at] = wordTimeError(m, t);
      setErrors(problemToErrors(err, t, map, { forbidden: t('protection.risk.forbidden'), conflict: t('protection.risk.notDv'), not_found: t('protection.caseGone') }, words));
    }
  }

  return (
    <form className="form dv-form" onSubmit={submit} noValidate aria-labelledby="risk-form-title">
      <h3 id="risk-form-title">{t('protection.risk.formTitle')}</h3>
      <p className="muted">{t('protection.risk.formIntro')}</p>
      <ErrorSummary items={errors.summary} />
      <DateTimeField id={IDS.assessed_at} label={t('protection.risk.assessedAt')} value={assessed} onChange={setAssessed} error={errors.fields[IDS.assessed_at]} />
      <h4 className="dv-subtitle">{t('protection.risk.factorsTitle')}</h4>
      {RISK_FACTORS.map((factor) => (
        <RadioGroup
          key={factor}
          id={factorId(factor)}
          inline
          legend={t(`protection.factor.${factor}.question`)}
          value={answers[factor]}
          onChange={(v) => setAnswers((a) => ({ ...a, [factor]: v }))}
          error={errors.fields[factorId(factor)]}
          options={FACTOR_ANSWERS.map((v) => ({ value: v, label: t(`protection.answer.${v}`) }))}
        />
      ))}
      <RadioGroup
        id={IDS.immediate_danger}
        legend={t('protection.risk.danger')}
        hint={t('protection.risk.dangerHint')}
        value={danger}
        onChange={setDanger}
        error={errors.fields[IDS.immediate_danger]}
        options={[
          { value: 'yes', label: t('protection.risk.dangerYes') },
          { value: 'no', label: t('protection.risk.dangerNo') },
        ]}
      />
      <TextAreaField
        id={IDS.notes}
        label={t('protection.risk.notes')}
        hint={t('protection.risk.notesHint')}
        value={notes}
        rows={4}
        maxLength={NOTES_MAX}
        onChange={(e) => setNotes(e.target.value)}
        error={errors.fields[IDS.notes]}
      />
      <SelectField id={IDS.sent_to} label={t('protection.risk.sendTo')} hint={t('protection.risk.sendToHint')} value={sentTo} onChange={(e) => setSentTo(e.target.value)} error={errors.fields[IDS.sent_to]}>
        <option value="">{agencies.isPending ? t('common.loading') : t('protection.risk.doNotSend')}</option>
        {groups.map((g) => (
          <optgroup key={g.type} label={t(`agencyTypes.${g.type}`)}>
            {g.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      <FormActions pending={create.isPending} submitLabel={t('protection.risk.submit')} onCancel={onDone} />
    </form>
  );
}
