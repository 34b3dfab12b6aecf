import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextAreaField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { formatDate, formatDateTime } from '@/lib/format';
import { noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { usePlanVersions } from './api/planVersions';
import { useUpdateProtectionPlan } from './api/updateProtectionPlan';
import { RadioGroup } from './fields';
import { PlanChecklist } from './PlanChecklist';
import { PlanMeasureForm, type Worker } from './PlanMeasureForm';
import { PARTICIPATIONS, type PlanMeasure, type ProtectionPlan, type VictimParticipation } from './types';

const MONITORING_MAX = 20000;

/**
 * A victim's individual protection and support plan: draft or adopted (and at which meeting),
 * what adoption still needs, the measures with who does what by when, the monitoring part and
 * the victim's participation, and the versions kept of every change.
 */
export function PlanCard({ plan, caseId, workers, canWrite }: { plan: ProtectionPlan; caseId: string; workers: Worker[]; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const titleId = `plan-${plan.id}-title`;
  const adopted = plan.status === 'adopted';
  return (
    <article className="card dv-plan" aria-labelledby={titleId}>
      <div className="dv-measure__head">
        <h3 id={titleId}>{t('protection.plan.for', { name: plan.victim_name })}</h3>
        <span className={`tag ${adopted ? 'tag--ok' : 'tag--neutral'}`}>
          {adopted && <span aria-hidden="true">✓ </span>}
          {t(`protection.planStatus.${plan.status}`)}
        </span>
      </div>
      <p className="muted">{t('protection.plan.version', { version: plan.version, when: formatDateTime(plan.updated_at, i18n.language) })}</p>
      {adopted && plan.adopted_at ? (
        <p className="dv-note">
          {t('protection.plan.adopted', { when: formatDate(plan.adopted_at, i18n.language), version: plan.adopted_version ?? plan.version })}{' '}
          {plan.adopted_in && <Link to={`/meetings/${plan.adopted_in}`}>{t('protection.plan.openMeeting')}</Link>}
          {plan.adopted_version !== null && plan.version > plan.adopted_version && <> {t('protection.plan.changedSince', { version: plan.version })}</>}
        </p>
      ) : (
        <p className="dv-note">{t('protection.plan.draftNote')}</p>
      )}
      {!adopted && <PlanChecklist plan={plan} />}

      <h4 id={`${titleId}-measures`}>{t('protection.plan.measures')}</h4>
      {plan.measures.length === 0 ? (
        <p className="muted">{t('protection.plan.noMeasures')}</p>
      ) : (
        <ul className="plain-list dv-plan-measures" aria-labelledby={`${titleId}-measures`}>
          {plan.measures.map((m) => (
            <li key={m.id} className="dv-plan-measure">
              {editing === m.id ? (
                <PlanMeasureForm planId={plan.id} caseId={caseId} measure={m} workers={workers} onDone={() => setEditing(null)} />
              ) : (
                <PlanMeasureView measure={m} onEdit={canWrite ? () => setEditing(m.id) : undefined} />
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite &&
        (adding ? (
          <div className="dv-subform">
            <PlanMeasureForm
              planId={plan.id}
              caseId={caseId}
              workers={workers}
              onDone={() => {
                setAdding(false);
                window.setTimeout(() => addButton.current?.focus(), 0);
              }}
            />
          </div>
        ) : (
          <p>
            <button type="button" ref={addButton} className="button button--secondary" onClick={() => setAdding(true)}>
              {t('protection.planMeasure.open')}
            </button>
          </p>
        ))}

      <MonitoringForm plan={plan} caseId={caseId} canWrite={canWrite} />
      <Versions plan={plan} workers={workers} />
    </article>
  );
}

function PlanMeasureView({ measure: m, onEdit }: { measure: PlanMeasure; onEdit?: () => void }) {
  const { t, i18n } = useTranslation();
  const late = m.due_at && new Date(m.due_at).getTime() < Date.now() && m.status !== 'done' && m.status !== 'not_done';
  return (
    <div className="dv-plan-measure__view">
      <p className="dv-item__head">
        <span className="tag tag--neutral dv-kind">{t(`protection.planMeasureKind.${m.kind}`)}</span>
        <span className="tag tag--neutral">{t(`protection.planMeasureStatus.${m.status}`)}</span>
        {late && (
          <span className="tag tag--urgent">
            <span aria-hidden="true">⚠ </span>
            {t('protection.planMeasure.late')}
          </span>
        )}
      </p>
      <p className="dv-plan-measure__what prewrap">{m.description}</p>
      <dl className="dv-facts">
        <div>
          <dt>{t('protection.planMeasure.who')}</dt>
          <dd>
            {m.executor_agency_name ?? <span className="dv-missing">{t('protection.planMeasure.noAgency')}</span>}
            {' · '}
            {m.executor_name ?? <span className="dv-missing">{t('protection.planMeasure.noPerson')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('protection.planMeasure.byWhen')}</dt>
          <dd>{m.due_at ? formatDate(m.due_at, i18n.language) : <span className="dv-missing">{t('protection.planMeasure.noDue')}</span>}</dd>
        </div>
      </dl>
      {onEdit && (
        <button type="button" className="button button--secondary button--small" onClick={onEdit}>
          {t('protection.planMeasure.edit')}
          <span className="visually-hidden">: {m.description}</span>
        </button>
      )}
    </div>
  );
}

/** The monitoring and evaluation part and the victim's participation, saved together. */
function MonitoringForm({ plan, caseId, canWrite }: { plan: ProtectionPlan; caseId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const update = useUpdateProtectionPlan(caseId);
  const [monitoring, setMonitoring] = useState(plan.monitoring);
  const [participation, setParticipation] = useState<VictimParticipation | ''>(plan.participation ?? '');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const ids = { monitoring: `plan-${plan.id}-monitoring`, participation: `plan-${plan.id}-participation` };
  const titleId = `plan-${plan.id}-monitoring-title`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (monitoring.trim().length > MONITORING_MAX) {
      setErrors({ fields: { [ids.monitoring]: t('protection.plan.monitoringTooLong') }, summary: [{ fieldId: ids.monitoring, message: t('protection.plan.monitoringTooLong') }] });
      return;
    }
    setErrors(noErrors);
    try {
      await update.mutateAsync({ id: plan.id, monitoring: monitoring.trim(), participation: participation || undefined });
      announce(t('protection.plan.monitoringSaved'));
    } catch (err) {
      setErrors(problemToErrors(err, t, ids, { forbidden: t('protection.plan.forbidden'), not_found: t('protection.plan.gone') }, {
        [ids.monitoring]: t('protection.plan.monitoringTooLong'),
        [ids.participation]: t('protection.plan.participationRequired'),
      }));
    }
  }

  if (!canWrite) {
    return (
      <>
        <h4>{t('protection.plan.monitoring')}</h4>
        <p className="prewrap">{plan.monitoring || <span className="dv-missing">{t('protection.plan.noMonitoring')}</span>}</p>
        <h4>{t('protection.plan.participation')}</h4>
        <p>{plan.participation ? t(`protection.participation.${plan.participation}`) : <span className="dv-missing">{t('protection.plan.noParticipation')}</span>}</p>
      </>
    );
  }
  return (
    <form className="form dv-form dv-subform" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h4 id={titleId}>{t('protection.plan.monitoringTitle')}</h4>
      <ErrorSummary items={errors.summary} />
      <TextAreaField
        id={ids.monitoring}
        label={t('protection.plan.monitoring')}
        hint={t('protection.plan.monitoringHint')}
        value={monitoring}
        rows={4}
        maxLength={MONITORING_MAX}
        onChange={(e) => setMonitoring(e.target.value)}
        error={errors.fields[ids.monitoring]}
      />
      <RadioGroup
        id={ids.participation}
        legend={t('protection.plan.participation')}
        value={participation}
        onChange={setParticipation}
        error={errors.fields[ids.participation]}
        options={PARTICIPATIONS.map((p) => ({ value: p, label: t(`protection.participation.${p}`) }))}
      />
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('protection.plan.saveMonitoring')}
        </button>
      </div>
    </form>
  );
}

/** The versions kept of every change, read when opened. */
function Versions({ plan, workers }: { plan: ProtectionPlan; workers: Worker[] }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const versions = usePlanVersions(plan.id, open);
  const names = new Map(workers.map((w) => [w.id, w.display_name]));
  return (
    <details className="details dv-versions" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('protection.plan.versions', { count: plan.version })}</summary>
      {versions.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : versions.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        <ol className="plain-list dv-version-list">
          {versions.data.items.map((v) => {
            const measures = Array.isArray(v.snapshot?.measures) ? v.snapshot.measures.length : null;
            const who = names.get(v.actor_id);
            return (
              <li key={v.version}>
                <strong>{t('protection.plan.versionN', { version: v.version })}</strong> · {formatDateTime(v.at, i18n.language)}
                {who && <> · {who}</>}
                {measures !== null && <span className="muted"> · {t('protection.plan.versionMeasures', { count: measures })}</span>}
                {(v.snapshot?.status === 'draft' || v.snapshot?.status === 'adopted') && <span className="muted"> · {t(`protection.planStatus.${v.snapshot.status}`)}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}
