import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAgencies } from '@/api/agencies';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { AGENCY_TYPES, type Agency, type AgencyType } from '@/lib/types';
import { useCreateAgency, type AgencyInput } from './api/createAgency';
import { useUpdateAgency } from './api/updateAgency';

/** Add an agency (/admin/agencies/new) or edit one (/admin/agencies/:id). */
export function AgencyFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const agencies = useAgencies();
  const agency = id ? agencies.data?.items.find((a) => String(a.id) === id) : undefined;
  useDocumentTitle(`${t('nav.admin')}: ${id ? t('admin.editAgency') : t('admin.createAgency')}`);
  return (
    <div className="narrow">
      <p className="back-link">
        <Link to="/admin/agencies">← {t('admin.agencies')}</Link>
      </p>
      {!id ? (
        <AgencyForm />
      ) : agencies.isPending ? (
        <SkeletonList rows={3} />
      ) : agency ? (
        <AgencyForm key={agency.id} agency={agency} />
      ) : (
        <Notice tone="error">{t('admin.agencyNotFound')}</Notice>
      )}
    </div>
  );
}

function AgencyForm({ agency }: { agency?: Agency }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const create = useCreateAgency();
  const update = useUpdateAgency();
  const [values, setValues] = useState<{ name: string; type: AgencyType | ''; municipality: string }>({
    name: agency?.name ?? '',
    type: agency?.type ?? '',
    municipality: agency?.municipality ?? '',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const pending = create.isPending || update.isPending;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fe: Record<string, string> = {};
    if (!values.name.trim()) fe['agency-name'] = t('admin.agencyNameRequired');
    if (!values.type) fe['agency-type'] = t('admin.agencyTypeRequired');
    if (Object.keys(fe).length) {
      setErrors(fromFieldErrors(fe));
      return;
    }
    setErrors(noErrors);
    const input: AgencyInput = { name: values.name.trim(), type: values.type as AgencyType, municipality: values.municipality.trim() };
    try {
      if (agency) await update.mutateAsync({ id: String(agency.id), ...input });
      else await create.mutateAsync(input);
      announce(t('common.saved'));
      navigate('/admin/agencies');
    } catch (err) {
      setErrors(problemToErrors(err, t, { name: 'agency-name', type: 'agency-type', municipality: 'agency-municipality' }, { conflict: t('admin.agencyNameTaken') }));
    }
  }

  return (
    <>
      <h1>{agency ? t('admin.editAgency') : t('admin.createAgency')}</h1>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextField id="agency-name" label={t('admin.agencyName')} hint={t('admin.agencyNameHint')} autoComplete="off" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} error={errors.fields['agency-name']} />
        <SelectField id="agency-type" label={t('admin.agencyType')} value={values.type} onChange={(e) => setValues({ ...values, type: e.target.value as AgencyType })} error={errors.fields['agency-type']}>
          <option value="">{t('admin.chooseType')}</option>
          {AGENCY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`agencyTypes.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="agency-municipality" label={t('admin.municipality')} autoComplete="off" value={values.municipality} onChange={(e) => setValues({ ...values, municipality: e.target.value })} error={errors.fields['agency-municipality']} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? t('common.saving') : agency ? t('common.save') : t('admin.createAgencySubmit')}
          </button>
        </div>
      </form>
    </>
  );
}
