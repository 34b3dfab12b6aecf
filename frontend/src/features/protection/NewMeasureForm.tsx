import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextField } from '@/components/Field';
import { FormActions } from '@/components/FormActions';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { isApiError } from '@/lib/api';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import type { CasePerson } from '@/lib/types';
import { useCreateUrgentMeasure } from './api/createUrgentMeasure';
import { checkReportedTime, DateTimeField, nowLocal, RadioGroup, wordTimeError } from './fields';
import { localToUtc } from './time';
import { MEASURE_KINDS, type MeasureKind } from './types';

const IDS = {
  kind: 'new-measure-kind',
  order_number: 'new-measure-order',
  issued_at: 'new-measure-issued',
  served_at: 'new-measure-served',
  perpetrator_id: 'new-measure-perpetrator',
};

/** The server's refusal of a measure against a child (it names perpetrator_id). */
function isChildRefusal(message: string | undefined) {
  return !!message && /under 18|child/i.test(message);
}

/** Whether a person is under 18 at an instant (no date of birth: not known, so no). */
export function underAge(person: CasePerson['person'] | undefined, atUtc: string): boolean {
  if (!person?.date_of_birth || !atUtc) return false;
  const [y, m, d] = person.date_of_birth.slice(0, 10).split('-').map(Number);
  const adult = Date.UTC(y! + 18, m! - 1, d!);
  return adult > new Date(atUtc).getTime();
}

/**
 * The police liaison records an urgent measure: which one, the order's number, when it was
 * issued and (if already) served, against whom. A perpetrator under 18 is refused by the
 * server: the form then says plainly what to do instead (the child-protection pathway).
 */
export function NewMeasureForm({ caseId, people, onDone }: { caseId: string; people: CasePerson[]; onDone: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const create = useCreateUrgentMeasure(caseId);
  const [kind, setKind] = useState<MeasureKind | ''>('');
  const [order, setOrder] = useState('');
  const [issued, setIssued] = useState(nowLocal);
  const [served, setServed] = useState('');
  const [perpetrator, setPerpetrator] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [childRefused, setChildRefused] = useState(false);
  const perpetrators = people.filter((p) => p.relation === 'perpetrator');
  const chosen = perpetrators.find((p) => p.person.id === perpetrator)?.person;
  const childWarning = underAge(chosen, localToUtc(issued));

  function check(): FieldErrors {
    const f: FieldErrors = {};
    if (!kind) f[IDS.kind] = t('protection.newMeasure.kindRequired');
    if (order.trim().length > 100) f[IDS.order_number] = t('protection.newMeasure.orderTooLong');
    const i = checkReportedTime(issued, t);
    if (i) f[IDS.issued_at] = i;
    const s = checkReportedTime(served, t, { required: false });
    if (s) f[IDS.served_at] = s;
    else if (served && issued && !i && localToUtc(served) < localToUtc(issued)) f[IDS.served_at] = t('protection.newMeasure.servedBeforeIssued');
    return f;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const f = check();
    setChildRefused(false);
    if (Object.keys(f).length > 0) {
      setErrors(fromFieldErrors(f));
      return;
    }
    setErrors(noErrors);
    try {
      await create.mutateAsync({
        kind: kind as MeasureKind,
        order_number: order.trim() || undefined,
        issued_at: localToUtc(issued),
        served_at: served ? localToUtc(served) : undefined,
        perpetrator_id: perpetrator || undefined,
      });
      announce(t('protection.newMeasure.recorded'));
      onDone();
    } catch (err) {
      const child = isApiError(err) && isChildRefusal(err.fieldMessage('perpetrator_id'));
      setChildRefused(child);
      const words: Record<string, string> = {
        [IDS.kind]: t('protection.newMeasure.kindRequired'),
        [IDS.order_number]: t('protection.newMeasure.orderTooLong'),
        [IDS.perpetrator_id]: child ? t('protection.newMeasure.perpetratorChild') : t('protection.newMeasure.perpetratorInvalid'),
      };
      if (isApiError(err)) {
        for (const field of ['issued_at', 'served_at'] as const) {
          const m = err.fieldMessage(field);
          if (m) words[IDS[field]] = wordTimeError(m, t);
        }
      }
      setErrors(problemToErrors(err, t, IDS, { forbidden: t('protection.newMeasure.forbidden'), not_found: t('protection.caseGone') }, words));
    }
  }

  return (
    <form className="form dv-form" onSubmit={submit} noValidate aria-labelledby="new-measure-title">
      <h3 id="new-measure-title">{t('protection.newMeasure.title')}</h3>
      {childRefused && <ChildPathway caseId={caseId} />}
      <ErrorSummary items={errors.summary} />
      <RadioGroup
        id={IDS.kind}
        legend={t('protection.newMeasure.kind')}
        value={kind}
        onChange={setKind}
        error={errors.fields[IDS.kind]}
        options={MEASURE_KINDS.map((k) => ({ value: k, label: t(`protection.measureKind.${k}`) }))}
      />
      <TextField
        id={IDS.order_number}
        label={t('protection.newMeasure.order')}
        hint={t('protection.newMeasure.orderHint')}
        value={order}
        maxLength={100}
        autoComplete="off"
        onChange={(e) => setOrder(e.target.value)}
        error={errors.fields[IDS.order_number]}
      />
      <DateTimeField id={IDS.issued_at} label={t('protection.newMeasure.issued')} value={issued} onChange={setIssued} error={errors.fields[IDS.issued_at]} />
      <DateTimeField
        id={IDS.served_at}
        label={t('protection.newMeasure.served')}
        hint={t('protection.newMeasure.servedHint')}
        optional
        value={served}
        onChange={setServed}
        error={errors.fields[IDS.served_at]}
      />
      <SelectField
        id={IDS.perpetrator_id}
        label={t('protection.newMeasure.perpetrator')}
        hint={perpetrators.length === 0 ? t('protection.newMeasure.noPerpetrators') : t('protection.newMeasure.perpetratorHint')}
        value={perpetrator}
        onChange={(e) => setPerpetrator(e.target.value)}
        error={errors.fields[IDS.perpetrator_id]}
      >
        <option value="">{t('protection.newMeasure.perpetratorNone')}</option>
        {perpetrators.map((p) => (
          <option key={p.person.id} value={p.person.id}>
            {p.person.first_name} {p.person.last_name}
          </option>
        ))}
      </SelectField>
      {childWarning && !childRefused && (
        <Notice tone="warning" title={t('protection.child.warningTitle')}>
          <p>{t('protection.child.warningBody')}</p>
        </Notice>
      )}
      <FormActions pending={create.isPending} submitLabel={t('protection.newMeasure.submit')} onCancel={onDone} />
    </form>
  );
}

/** What to do when the perpetrator is a child: no urgent measure; the CSR's child-protection pathway. */
export function ChildPathway({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  return (
    <div className="dv-child" role="alert">
      <Notice tone="error" title={t('protection.child.title')}>
        <p>{t('protection.child.body')}</p>
        <p className="dv-child__next">{t('protection.child.nextTitle')}</p>
        <ol className="steps">
          <li>{t('protection.child.step1')}</li>
          <li>{t('protection.child.step2')}</li>
          <li>{t('protection.child.step3')}</li>
        </ol>
        <p>
          <Link to={`/cases/${caseId}/refer`} className="button button--primary">
            {t('protection.child.refer')}
          </Link>
        </p>
      </Notice>
    </div>
  );
}
