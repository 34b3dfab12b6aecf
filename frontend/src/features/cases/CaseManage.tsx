import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextAreaField } from '@/components/Field';
import { useAnnounce } from '@/components/Status';
import { FormActions } from '@/components/FormActions';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import type { CaseStatus, RiskLevel } from '@/lib/types';
import { useHandOverLead } from './api/handOverLead';
import { useSetCaseRisk } from './api/setCaseRisk';
import { useSetCaseStatus } from './api/setCaseStatus';
import { useCaseContext } from './CaseLayout';

/** The statuses each status may move to (the server decides; this only offers the allowed ones). */
const NEXT: Record<CaseStatus, CaseStatus[]> = { open: ['active', 'closed'], active: ['closed'], closed: ['reopened'], reopened: ['active', 'closed'] };
const LEVELS: RiskLevel[] = ['low', 'medium', 'high', 'very_high'];

type Panel = 'status' | 'risk' | 'lead' | null;

/** Status, risk and lead, one at a time: a button opens one short form. */
export function CaseManage() {
  const { t } = useTranslation();
  const { kase, me } = useCaseContext();
  const [panel, setPanel] = useState<Panel>(null);
  const isLead = String(kase.lead_id) === String(me.id);
  const isMember = kase.my_basis !== 'emergency';
  if (!isMember) return null;
  const close = () => setPanel(null);
  return (
    <section className="card" aria-labelledby="manage-title">
      <h2 id="manage-title">{t('manage.title')}</h2>
      {panel === null && (
        <div className="task-actions">
          {isLead && (
            <button type="button" className="button button--secondary" onClick={() => setPanel('status')}>
              {t('manage.changeStatus')}
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={() => setPanel('risk')}>
            {t('manage.changeRisk')}
          </button>
          {isLead && kase.members.length > 1 && (
            <button type="button" className="button button--secondary" onClick={() => setPanel('lead')}>
              {t('manage.handOver')}
            </button>
          )}
        </div>
      )}
      {panel === 'status' && <StatusForm onDone={close} />}
      {panel === 'risk' && <RiskForm onDone={close} />}
      {panel === 'lead' && <LeadForm onDone={close} />}
    </section>
  );
}

function StatusForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const set = useSetCaseStatus();
  const options = NEXT[kase.status] ?? [];
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!status) fields['case-status'] = t('manage.statusRequired');
    if (status === 'closed' && !reason.trim()) fields['case-closing-reason'] = t('manage.reasonRequired');
    if (Object.keys(fields).length || !status) {
      setErrors(fromFieldErrors(fields));
      return;
    }
    setErrors(noErrors);
    try {
      await set.mutateAsync({ caseId: String(kase.id), status, ...(status === 'closed' ? { closing_reason: reason.trim() } : {}) });
      announce(t('manage.statusSaved', { status: t(`caseStatus.${status}`) }));
      onDone();
    } catch (err) {
      setErrors(problemToErrors(err, t, { status: 'case-status', closing_reason: 'case-closing-reason' }, { conflict: t('manage.statusConflict'), forbidden: t('manage.onlyLead') }));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary items={errors.summary} />
      <SelectField id="case-status" label={t('manage.newStatus')} hint={t('manage.nowStatus', { status: t(`caseStatus.${kase.status}`) })} value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')} error={errors.fields['case-status']}>
        <option value="">{t('manage.choose')}</option>
        {options.map((s) => (
          <option key={s} value={s}>
            {t(`caseStatus.${s}`)}
          </option>
        ))}
      </SelectField>
      {status === 'closed' && (
        <TextAreaField id="case-closing-reason" label={t('manage.closingReason')} hint={t('manage.closingReasonHint')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} error={errors.fields['case-closing-reason']} />
      )}
      <FormActions pending={set.isPending} submitLabel={t('manage.saveStatus')} onCancel={onDone} />
    </form>
  );
}

function RiskForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const set = useSetCaseRisk();
  const [level, setLevel] = useState<RiskLevel>(kase.risk_level);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setErrors(fromFieldErrors({ 'case-risk-reason': t('manage.riskReasonRequired') }));
      return;
    }
    setErrors(noErrors);
    try {
      await set.mutateAsync({ caseId: String(kase.id), risk_level: level, reason: reason.trim() });
      announce(t('manage.riskSaved', { level: t(`risk.${level}`) }));
      onDone();
    } catch (err) {
      setErrors(problemToErrors(err, t, { risk_level: 'case-risk', reason: 'case-risk-reason' }, { forbidden: t('plan.readOnly') }));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary items={errors.summary} />
      <SelectField id="case-risk" label={t('manage.riskLevel')} value={level} onChange={(e) => setLevel(e.target.value as RiskLevel)} error={errors.fields['case-risk']}>
        {LEVELS.map((l) => (
          <option key={l} value={l}>
            {t(`risk.${l}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField id="case-risk-reason" label={t('manage.riskReason')} hint={t('manage.riskReasonHint')} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} error={errors.fields['case-risk-reason']} />
      <FormActions pending={set.isPending} submitLabel={t('manage.saveRisk')} onCancel={onDone} />
    </form>
  );
}

function LeadForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const hand = useHandOverLead();
  const others = kase.members.filter((m) => String(m.user_id) !== String(kase.lead_id) && m.basis !== 'emergency');
  const [userId, setUserId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!userId) {
      setErrors(fromFieldErrors({ 'case-new-lead': t('manage.newLeadRequired') }));
      return;
    }
    setErrors(noErrors);
    try {
      await hand.mutateAsync({ caseId: String(kase.id), user_id: userId });
      announce(t('manage.leadSaved', { name: others.find((m) => String(m.user_id) === userId)?.display_name ?? '' }));
      onDone();
    } catch (err) {
      setErrors(problemToErrors(err, t, { user_id: 'case-new-lead' }, { forbidden: t('manage.onlyLead') }));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary items={errors.summary} />
      <SelectField id="case-new-lead" label={t('manage.newLead')} hint={t('manage.newLeadHint')} value={userId} onChange={(e) => setUserId(e.target.value)} error={errors.fields['case-new-lead']}>
        <option value="">{t('manage.choose')}</option>
        {others.map((m) => (
          <option key={m.user_id} value={String(m.user_id)}>
            {m.display_name}
          </option>
        ))}
      </SelectField>
      <FormActions pending={hand.isPending} submitLabel={t('manage.saveLead')} onCancel={onDone} />
    </form>
  );
}
