import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/agencies';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextAreaField } from '@/components/Field';
import { FormActions } from '@/components/FormActions';
import { useAnnounce } from '@/components/Status';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { useSendViolenceReport } from './api/sendViolenceReport';
import { byName } from './RiskForm';
import type { ViolenceReport } from './types';

const BODY_MAX = 20000;
const IDS = { to_agency_id: 'report-agency', body: 'report-body' };

/**
 * The duty to report: any worker on the case reports known or suspected domestic violence to a
 * police station or a public prosecutor's office, in one step; the time of sending is the
 * server's and the receiving agency is alerted at once.
 */
export function ReportForm({ caseId, onSent, onCancel }: { caseId: string; onSent: (r: ViolenceReport) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const agencies = useAgencies();
  const send = useSendViolenceReport(caseId);
  const [agency, setAgency] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const all = agencies.data?.items ?? [];
  const groups = (['police', 'prosecutor'] as const).map((type) => ({ type, items: all.filter((a) => a.type === type).sort(byName) })).filter((g) => g.items.length > 0);

  function check(): FieldErrors {
    const f: FieldErrors = {};
    if (!agency) f[IDS.to_agency_id] = t('protection.report.agencyRequired');
    if (!body.trim()) f[IDS.body] = t('protection.report.bodyRequired');
    else if (body.trim().length > BODY_MAX) f[IDS.body] = t('protection.report.bodyTooLong');
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
      const r = await send.mutateAsync({ to_agency_id: agency, body: body.trim() });
      announce(t('protection.report.sent', { agency: r.to_agency_name }));
      onSent(r);
    } catch (err) {
      setErrors(
        problemToErrors(err, t, IDS, { forbidden: t('protection.report.forbidden'), not_found: t('protection.caseGone') }, {
          [IDS.to_agency_id]: t('protection.report.agencyRequired'),
          [IDS.body]: t('protection.report.bodyTooLong'),
        }),
      );
    }
  }

  return (
    <form className="form dv-form" onSubmit={submit} noValidate aria-labelledby="report-form-title">
      <h3 id="report-form-title">{t('protection.report.formTitle')}</h3>
      <p className="muted">{t('protection.report.formIntro')}</p>
      <ErrorSummary items={errors.summary} />
      <SelectField id={IDS.to_agency_id} label={t('protection.report.agency')} value={agency} onChange={(e) => setAgency(e.target.value)} error={errors.fields[IDS.to_agency_id]}>
        <option value="">{agencies.isPending ? t('common.loading') : t('protection.report.chooseAgency')}</option>
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
      <TextAreaField
        id={IDS.body}
        label={t('protection.report.body')}
        hint={t('protection.report.bodyHint')}
        value={body}
        rows={6}
        maxLength={BODY_MAX}
        onChange={(e) => setBody(e.target.value)}
        error={errors.fields[IDS.body]}
      />
      <FormActions pending={send.isPending} submitLabel={t('protection.report.submit')} onCancel={onCancel} />
    </form>
  );
}
