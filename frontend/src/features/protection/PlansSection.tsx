import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import type { CasePerson } from '@/lib/types';
import { useCreateProtectionPlan } from './api/createProtectionPlan';
import { useProtectionPlans } from './api/protectionPlans';
import { PlanCard } from './PlanCard';
import type { Worker } from './PlanMeasureForm';

/** Section d: one individual protection and support plan per victim; a new one for a victim without. */
export function PlansSection({ caseId, people, workers, canWrite }: { caseId: string; people: CasePerson[]; workers: Worker[]; canWrite: boolean }) {
  const { t } = useTranslation();
  const plans = useProtectionPlans(caseId);
  const items = plans.data?.items ?? [];
  const withPlan = new Set(items.map((p) => p.victim_id));
  const candidates = people.filter((p) => p.relation !== 'perpetrator' && !withPlan.has(p.person.id));
  return (
    <section className="dv-section" id="dv-plans" aria-labelledby="dv-plans-title">
      <h2 id="dv-plans-title">{t('protection.plan.title')}</h2>
      <p className="muted">{t('protection.plan.intro')}</p>
      {plans.isPending ? (
        <SkeletonList rows={2} />
      ) : plans.isError && !plans.data ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        <>
          {items.length === 0 && <p className="muted">{t('protection.plan.none')}</p>}
          {items.map((p) => (
            <PlanCard key={p.id} plan={p} caseId={caseId} workers={workers} canWrite={canWrite} />
          ))}
          {canWrite && candidates.length > 0 && <NewPlanForm caseId={caseId} candidates={candidates} />}
        </>
      )}
    </section>
  );
}

function NewPlanForm({ caseId, candidates }: { caseId: string; candidates: CasePerson[] }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const create = useCreateProtectionPlan(caseId);
  const [victim, setVictim] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const id = 'new-plan-victim';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!victim) {
      setErrors({ fields: { [id]: t('protection.plan.victimRequired') }, summary: [{ fieldId: id, message: t('protection.plan.victimRequired') }] });
      return;
    }
    setErrors(noErrors);
    try {
      const plan = await create.mutateAsync(victim);
      announce(t('protection.plan.created', { name: plan.victim_name }));
      setVictim('');
    } catch (err) {
      setErrors(
        problemToErrors(err, t, { victim_id: id }, { conflict: t('protection.plan.exists'), forbidden: t('protection.plan.forbidden'), not_found: t('protection.caseGone') }, {
          [id]: t('protection.plan.victimInvalid'),
        }),
      );
    }
  }

  return (
    <form className="form dv-form card" onSubmit={submit} noValidate aria-labelledby="new-plan-title">
      <h3 id="new-plan-title">{t('protection.plan.newTitle')}</h3>
      <ErrorSummary items={errors.summary} />
      <SelectField id={id} label={t('protection.plan.victim')} hint={t('protection.plan.victimHint')} value={victim} onChange={(e) => setVictim(e.target.value)} error={errors.fields[id]}>
        <option value="">{t('protection.plan.chooseVictim')}</option>
        {candidates.map((p) => (
          <option key={p.person.id} value={p.person.id}>
            {p.person.first_name} {p.person.last_name}
          </option>
        ))}
      </SelectField>
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={create.isPending}>
          {create.isPending ? t('common.saving') : t('protection.plan.create')}
        </button>
      </div>
    </form>
  );
}
