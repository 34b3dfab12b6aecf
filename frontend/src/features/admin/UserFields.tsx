import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/agencies';
import { CheckboxGroup, SelectField, TextField } from '@/components/Field';
import { ROLES, type Role } from '@/lib/types';

export type UserFormValues = { display_name: string; agency_id: string; roles: Role[] };

/** Name, agency and roles: the part of an account an administrator edits. */
export function UserFields({ values, onChange, errors }: { values: UserFormValues; onChange: (v: UserFormValues) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  return (
    <>
      <TextField
        id="display-name"
        label={t('admin.displayName')}
        hint={t('admin.displayNameHint')}
        autoComplete="off"
        value={values.display_name}
        onChange={(e) => onChange({ ...values, display_name: e.target.value })}
        error={errors['display-name']}
      />
      <SelectField id="agency" label={t('admin.agency')} value={values.agency_id} onChange={(e) => onChange({ ...values, agency_id: e.target.value })} error={errors.agency} disabled={agencies.isPending}>
        <option value="">{agencies.isPending ? t('common.loading') : t('admin.chooseAgency')}</option>
        {agencies.data?.items.map((a) => (
          <option key={a.id} value={String(a.id)}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup
        id="roles"
        legend={t('admin.roles')}
        hint={t('admin.rolesHint')}
        options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        value={values.roles}
        onChange={(roles) => onChange({ ...values, roles: roles as Role[] })}
        error={errors.roles}
      />
    </>
  );
}

export function validateUserFields(values: UserFormValues, t: (k: string) => string): Record<string, string> {
  const e: Record<string, string> = {};
  if (!values.display_name.trim()) e['display-name'] = t('admin.displayNameRequired');
  if (!values.agency_id) e.agency = t('admin.agencyRequired');
  if (values.roles.length === 0) e.roles = t('admin.rolesRequired');
  return e;
}

export const userFieldMap = { username: 'username', display_name: 'display-name', agency_id: 'agency', roles: 'roles' };
