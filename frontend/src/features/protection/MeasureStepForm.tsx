import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextAreaField } from '@/components/Field';
import { FormActions } from '@/components/FormActions';
import { useAnnounce } from '@/components/Status';
import { isApiError } from '@/lib/api';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { MEASURE_STEPS, useRecordMeasureStep, type MeasureStep } from './api/recordMeasureStep';
import { checkReportedTime, DateTimeField, nowLocal, RadioGroup, wordTimeError } from './fields';
import { localToUtc } from './time';
import type { UrgentMeasure } from './types';

const OUTCOMES: Partial<Record<MeasureStep, readonly string[]>> = {
  decide: ['extended', 'rejected'],
  appeal_decide: ['upheld', 'overturned'],
};

/**
 * One step on a measure (service, the proposal, the court's decision, an appeal's steps, a
 * breach): when it happened, Belgrade time and not in the future, and the outcome or what
 * happened where the step has one.
 */
export function MeasureStepForm({ measure, step, caseId, onDone }: { measure: UrgentMeasure; step: MeasureStep; caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const record = useRecordMeasureStep(caseId);
  const [at, setAt] = useState(nowLocal);
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const base = `step-${measure.id}`;
  const ids = { time: `${base}-time`, outcome: `${base}-outcome`, note: `${base}-note` };
  const outcomes = OUTCOMES[step];
  const titleId = `${base}-title`;

  function check(): FieldErrors {
    const f: FieldErrors = {};
    const e = checkReportedTime(at, t);
    if (e) f[ids.time] = e;
    if (outcomes && !outcome) f[ids.outcome] = t('protection.step.outcomeRequired');
    if (step === 'breach' && !note.trim()) f[ids.note] = t('protection.step.noteRequired');
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
      await record.mutateAsync({ id: measure.id, step, at: localToUtc(at), outcome: outcome || undefined, note: note.trim() || undefined });
      announce(t(`protection.step.${step}.done`));
      onDone();
    } catch (err) {
      const timeField = MEASURE_STEPS[step].timeField;
      const words: Record<string, string> = { [ids.outcome]: t('protection.step.outcomeRequired'), [ids.note]: t('protection.step.noteRequired') };
      const m = isApiError(err) ? err.fieldMessage(timeField) : undefined;
      if (m) words[ids.time] = wordTimeError(m, t);
      setErrors(
        problemToErrors(
          err,
          t,
          { [timeField]: ids.time, outcome: ids.outcome, note: ids.note },
          { forbidden: t('protection.step.forbidden'), conflict: t('protection.step.conflict'), not_found: t('protection.caseGone') },
          words,
        ),
      );
    }
  }

  return (
    <form className="form dv-form dv-step" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h4 id={titleId}>{t(`protection.step.${step}.title`)}</h4>
      <ErrorSummary items={errors.summary} />
      {outcomes && (
        <RadioGroup
          id={ids.outcome}
          legend={t(`protection.step.${step}.outcome`)}
          value={outcome}
          onChange={setOutcome}
          error={errors.fields[ids.outcome]}
          options={outcomes.map((o) => ({ value: o, label: t(`protection.outcome.${o}`) }))}
        />
      )}
      <DateTimeField id={ids.time} label={t(`protection.step.${step}.when`)} value={at} onChange={setAt} error={errors.fields[ids.time]} />
      {step === 'breach' && (
        <TextAreaField
          id={ids.note}
          label={t('protection.step.breach.note')}
          hint={t('protection.step.breach.noteHint')}
          value={note}
          maxLength={2000}
          rows={3}
          onChange={(e) => setNote(e.target.value)}
          error={errors.fields[ids.note]}
        />
      )}
      <FormActions pending={record.isPending} submitLabel={t(`protection.step.${step}.submit`)} onCancel={onDone} />
    </form>
  );
}
