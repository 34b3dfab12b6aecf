import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAgencies } from '@/api/agencies';
import { useMe } from '@/api/me';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextAreaField } from '@/components/Field';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { AGENCY_TYPES, type Agency } from '@/lib/types';
import { useCreateReferral } from './api/createReferral';
import { URGENCIES, type Urgency } from './types';

const REASON_MAX = 2000;
const SUMMARY_MAX = 4000;

/** The server's field names (problem+json errors[].field) and the inputs they belong to. */
const FIELD_IDS = { to_agency_id: 'refer-agency', urgency: 'refer-urgency', reason: 'refer-reason', summary: 'refer-summary' };

/**
 * "Refer to another agency", from the case workspace: which agency, how urgent (and so how
 * soon it must answer), why, and what it may read before it accepts.
 */
export function ReferForm() {
  const { t } = useTranslation();
  const { id: caseId = '' } = useParams();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const me = useMe().data;
  const agencies = useAgencies();
  const create = useCreateReferral();
  const [agencyId, setAgencyId] = useState('');
  const [urgency, setUrgency] = useState<Urgency | ''>('');
  const [reason, setReason] = useState('');
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  useDocumentTitle(t('referrals.form.title'));

  // Another agency than the user's own, and never the system's.
  const choices = (agencies.data?.items ?? []).filter((a) => a.type !== 'system' && String(a.id) !== String(me?.agency_id ?? ''));
  const byType = AGENCY_TYPES.map((type) => ({ type, items: choices.filter((a) => a.type === type).sort(byName) })).filter((g) => g.items.length > 0);

  function check(): FieldErrors {
    const f: FieldErrors = {};
    if (!agencyId) f['refer-agency'] = t('referrals.form.agencyRequired');
    if (!urgency) f['refer-urgency'] = t('referrals.form.urgencyRequired');
    if (!reason.trim()) f['refer-reason'] = t('referrals.form.reasonRequired');
    else if (reason.trim().length > REASON_MAX) f['refer-reason'] = t('referrals.form.reasonTooLong');
    if (summary.trim().length > SUMMARY_MAX) f['refer-summary'] = t('referrals.form.summaryTooLong');
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
      const r = await create.mutateAsync({ case_id: caseId, to_agency_id: agencyId, urgency: urgency as Urgency, reason: reason.trim(), summary: summary.trim() || undefined });
      announce(t('referrals.form.sent', { agency: r.to_agency_name }));
      navigate(`/referrals/${r.id}`);
    } catch (err) {
      setErrors(
        problemToErrors(
          err,
          t,
          FIELD_IDS,
          { forbidden: t('referrals.form.forbidden'), not_found: t('referrals.form.caseGone') },
          {
            'refer-agency': t('referrals.form.agencyInvalid'),
            'refer-urgency': t('referrals.form.urgencyRequired'),
            'refer-reason': t('referrals.form.reasonInvalid'),
            'refer-summary': t('referrals.form.summaryTooLong'),
          },
        ),
      );
    }
  }

  return (
    <section className="narrow" aria-labelledby="refer-title">
      <h2 id="refer-title">{t('referrals.form.title')}</h2>
      <p>{t('referrals.form.intro')}</p>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <SelectField id="refer-agency" label={t('referrals.form.agency')} hint={t('referrals.form.agencyHint')} value={agencyId} onChange={(e) => setAgencyId(e.target.value)} error={errors.fields['refer-agency']}>
          <option value="">{agencies.isPending ? t('common.loading') : t('referrals.form.chooseAgency')}</option>
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
        <UrgencyField value={urgency} onChange={setUrgency} error={errors.fields['refer-urgency']} />
        <TextAreaField
          id="refer-reason"
          label={t('referrals.form.reason')}
          hint={t('referrals.form.reasonHint')}
          value={reason}
          maxLength={REASON_MAX}
          onChange={(e) => setReason(e.target.value)}
          error={errors.fields['refer-reason']}
        />
        <TextAreaField
          id="refer-summary"
          label={t('referrals.form.summary')}
          hint={t('referrals.form.summaryHint')}
          value={summary}
          maxLength={SUMMARY_MAX}
          rows={6}
          onChange={(e) => setSummary(e.target.value)}
          error={errors.fields['refer-summary']}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('referrals.form.submit')}
          </button>
          <Link to={`/cases/${caseId}`} className="button button--secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}

function byName(a: Agency, b: Agency) {
  return a.name.localeCompare(b.name, 'sr');
}

/** Radios, each with its response time; the first carries the id the error summary links to. */
function UrgencyField({ value, onChange, error }: { value: Urgency | ''; onChange: (u: Urgency) => void; error?: string }) {
  const { t } = useTranslation();
  const id = 'refer-urgency';
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset className={`field fieldset${error ? ' field--error' : ''}`} aria-describedby={describedBy}>
      <legend className="field__label">{t('referrals.form.urgency')}</legend>
      <p className="field__hint" id={`${id}-hint`}>
        {t('referrals.form.urgencyHint')}
      </p>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <div className="checkboxes">
        {URGENCIES.map((u, i) => {
          const radioId = i === 0 ? id : `${id}-${u}`;
          return (
            <div className="checkbox" key={u}>
              <input type="radio" id={radioId} name={id} value={u} checked={value === u} onChange={() => onChange(u)} aria-invalid={error ? true : undefined} />
              <label htmlFor={radioId}>
                <strong>{t(`referrals.urgency.${u}`)}</strong> — {t(`referrals.urgencyTime.${u}`)}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
