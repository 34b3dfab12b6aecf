import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/agencies';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '@/components/Field';
import { FormActions } from '@/components/FormActions';
import { useAnnounce } from '@/components/Status';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { AGENCY_TYPES } from '@/lib/types';
import { useAddPlanMeasure, type PlanMeasureInput } from './api/addPlanMeasure';
import { useUpdatePlanMeasure } from './api/updatePlanMeasure';
import { RadioGroup } from './fields';
import { byName } from './RiskForm';
import { dayToUtc, utcToBelgradeLocal, utcToDay } from './time';
import { PLAN_MEASURE_KINDS, PLAN_MEASURE_STATUSES, type PlanMeasure, type PlanMeasureKind, type PlanMeasureStatus } from './types';

const DESCRIPTION_MAX = 2000;

/** A worker the plan can name as executor: from the user's teams and the case's members. */
export type Worker = { id: string; display_name: string; agency_id: string };

/**
 * Adds a protection or support measure to a plan, or changes one (the whole measure is sent
 * again): what is to be done, by which agency and person, by when. In a draft, the executor
 * and the deadline may wait; the checklist says what adoption still needs.
 */
export function PlanMeasureForm({ planId, caseId, measure, workers, onDone }: { planId: string; caseId: string; measure?: PlanMeasure; workers: Worker[]; onDone: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const agencies = useAgencies();
  const add = useAddPlanMeasure(caseId);
  const update = useUpdatePlanMeasure(caseId);
  const base = measure ? `plan-measure-${measure.id}` : `plan-${planId}-new-measure`;
  const ids = { kind: `${base}-kind`, description: `${base}-description`, executor_agency_id: `${base}-agency`, executor_user_id: `${base}-person`, due_at: `${base}-due`, status: `${base}-status` };
  const [kind, setKind] = useState<PlanMeasureKind | ''>(measure?.kind ?? '');
  const [description, setDescription] = useState(measure?.description ?? '');
  const [agency, setAgency] = useState(measure?.executor_agency_id ?? '');
  const [person, setPerson] = useState(measure?.executor_user_id ?? '');
  const [due, setDue] = useState(utcToDay(measure?.due_at));
  const [status, setStatus] = useState<PlanMeasureStatus>(measure?.status ?? 'planned');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const choices = (agencies.data?.items ?? []).filter((a) => a.type !== 'system');
  const byType = AGENCY_TYPES.map((type) => ({ type, items: choices.filter((a) => a.type === type).sort(byName) })).filter((g) => g.items.length > 0);
  const people = workers.filter((w) => w.agency_id === agency).sort((a, b) => a.display_name.localeCompare(b.display_name, 'sr'));
  // The person on record stays selectable even if we do not know them from the teams.
  if (measure?.executor_user_id && measure.executor_agency_id === agency && !people.some((p) => p.id === measure.executor_user_id)) {
    people.unshift({ id: measure.executor_user_id, display_name: measure.executor_name ?? '—', agency_id: agency });
  }
  const today = utcToBelgradeLocal(new Date()).slice(0, 10);
  const pending = add.isPending || update.isPending;

  function check(): FieldErrors {
    const f: FieldErrors = {};
    if (!kind) f[ids.kind] = t('protection.planMeasure.kindRequired');
    if (!description.trim()) f[ids.description] = t('protection.planMeasure.descriptionRequired');
    else if (description.trim().length > DESCRIPTION_MAX) f[ids.description] = t('protection.planMeasure.descriptionTooLong');
    if (person && !agency) f[ids.executor_agency_id] = t('protection.planMeasure.agencyFirst');
    if (due && (!dayToUtc(due) || due < today)) f[ids.due_at] = t('protection.planMeasure.dueInPast');
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
    const body: PlanMeasureInput = {
      kind: kind as PlanMeasureKind,
      description: description.trim(),
      executor_agency_id: agency || undefined,
      executor_user_id: (agency && person) || undefined,
      due_at: due ? dayToUtc(due) : undefined,
      ...(measure ? { status } : {}),
    };
    try {
      if (measure) await update.mutateAsync({ planId, measureId: measure.id, ...body });
      else await add.mutateAsync({ planId, ...body });
      announce(measure ? t('protection.planMeasure.saved') : t('protection.planMeasure.added'));
      onDone();
    } catch (err) {
      setErrors(
        problemToErrors(err, t, ids, { forbidden: t('protection.plan.forbidden'), not_found: t('protection.plan.gone') }, {
          [ids.kind]: t('protection.planMeasure.kindRequired'),
          [ids.description]: t('protection.planMeasure.descriptionRequired'),
          [ids.executor_agency_id]: t('protection.planMeasure.agencyInvalid'),
          [ids.executor_user_id]: t('protection.planMeasure.personInvalid'),
          [ids.due_at]: t('protection.planMeasure.dueInPast'),
          [ids.status]: t('protection.planMeasure.statusInvalid'),
        }),
      );
    }
  }

  return (
    <form className="form dv-form" onSubmit={submit} noValidate aria-labelledby={`${base}-title`}>
      <h5 id={`${base}-title`} className="dv-form__title">
        {measure ? t('protection.planMeasure.editTitle') : t('protection.planMeasure.addTitle')}
      </h5>
      <ErrorSummary items={errors.summary} />
      <RadioGroup
        id={ids.kind}
        legend={t('protection.planMeasure.kind')}
        value={kind}
        onChange={setKind}
        error={errors.fields[ids.kind]}
        options={PLAN_MEASURE_KINDS.map((k) => ({ value: k, label: t(`protection.planMeasureKind.${k}`) }))}
      />
      <TextAreaField
        id={ids.description}
        label={t('protection.planMeasure.description')}
        hint={t('protection.planMeasure.descriptionHint')}
        value={description}
        rows={3}
        maxLength={DESCRIPTION_MAX}
        onChange={(e) => setDescription(e.target.value)}
        error={errors.fields[ids.description]}
      />
      <SelectField
        id={ids.executor_agency_id}
        label={t('protection.planMeasure.agency')}
        hint={t('protection.planMeasure.draftHint')}
        value={agency}
        onChange={(e) => {
          setAgency(e.target.value);
          setPerson('');
        }}
        error={errors.fields[ids.executor_agency_id]}
      >
        <option value="">{agencies.isPending ? t('common.loading') : t('protection.planMeasure.agencyNone')}</option>
        {byType.map((g) => (
          <optgroup key={g.type} label={t(`agencyTypes.${g.type}`)}>
            {g.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      <SelectField
        id={ids.executor_user_id}
        label={t('protection.planMeasure.person')}
        hint={!agency ? t('protection.planMeasure.personAgencyFirst') : people.length === 0 ? t('protection.planMeasure.personUnknown') : undefined}
        value={person}
        disabled={!agency}
        onChange={(e) => setPerson(e.target.value)}
        error={errors.fields[ids.executor_user_id]}
      >
        <option value="">{t('protection.planMeasure.personNone')}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.display_name}
          </option>
        ))}
      </SelectField>
      <TextField id={ids.due_at} type="date" className="input--short" label={t('protection.planMeasure.due')} hint={t('protection.planMeasure.dueHint')} min={today} value={due} onChange={(e) => setDue(e.target.value)} error={errors.fields[ids.due_at]} />
      {/* Once adopted, a measure's status follows its task: it is changed there. */}
      {measure && !measure.task_id && (
        <SelectField id={ids.status} label={t('protection.planMeasure.status')} value={status} onChange={(e) => setStatus(e.target.value as PlanMeasureStatus)} error={errors.fields[ids.status]}>
          {PLAN_MEASURE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`protection.planMeasureStatus.${s}`)}
            </option>
          ))}
        </SelectField>
      )}
      <FormActions pending={pending} submitLabel={measure ? t('protection.planMeasure.save') : t('protection.planMeasure.add')} onCancel={onDone} />
    </form>
  );
}
