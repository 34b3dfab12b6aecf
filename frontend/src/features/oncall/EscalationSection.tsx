import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useEscalation } from './api/escalation';
import { useSetEscalation } from './api/setEscalation';

const MIN_STEP = 1;
const MAX_STEP = 240;

/** After how many minutes an unacknowledged page goes to the next person; editors change it. */
export function EscalationSection({ agencyId, canEdit }: { agencyId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const escalation = useEscalation(agencyId);
  const minutes = escalation.data?.step_minutes;
  return (
    <section className="card" aria-labelledby="escalation-title">
      <h2 id="escalation-title">{t('oncall.escalation.title')}</h2>
      {escalation.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : escalation.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        <>
          <p>{t('oncall.escalation.explain', { count: minutes })}</p>
          {/* Remounts with the saved value, so the box shows what the server keeps. */}
          {canEdit && <EscalationForm key={minutes} agencyId={agencyId} current={minutes ?? 15} />}
        </>
      )}
    </section>
  );
}

function EscalationForm({ agencyId, current }: { agencyId: string; current: number }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const save = useSetEscalation();
  const [value, setValue] = useState(String(current));
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || n < MIN_STEP || n > MAX_STEP) {
      setErrors(fromFieldErrors({ 'escalation-minutes': t('oncall.escalation.invalid', { min: MIN_STEP, max: MAX_STEP }) }));
      return;
    }
    setErrors(noErrors);
    try {
      const saved = await save.mutateAsync({ agencyId, step_minutes: n });
      announce(t('oncall.escalation.saved', { count: saved.step_minutes }));
    } catch (err) {
      setErrors(
        problemToErrors(
          err,
          t,
          { step_minutes: 'escalation-minutes' },
          { forbidden: t('oncall.form.forbidden'), not_found: t('oncall.form.agencyGone') },
          { 'escalation-minutes': t('oncall.escalation.invalid', { min: MIN_STEP, max: MAX_STEP }) },
        ),
      );
    }
  }

  return (
    <>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextField
          id="escalation-minutes"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={3}
          className="input--short"
          label={t('oncall.escalation.label')}
          hint={t('oncall.escalation.hint', { min: MIN_STEP, max: MAX_STEP })}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={errors.fields['escalation-minutes']}
        />
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('oncall.escalation.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
