import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CopyButton } from '@/components/CopyButton';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useCreateUser, type CreatedUser } from './api/createUser';
import { UserFields, userFieldMap, validateUserFields, type UserFormValues } from './UserFields';

const empty: UserFormValues = { display_name: '', agency_id: '', roles: [] };

export function NewUserPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [values, setValues] = useState<UserFormValues>(empty);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  useDocumentTitle(`${t('nav.admin')}: ${t('admin.createUser')}`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fe: Record<string, string> = {};
    if (!username.trim()) fe.username = t('admin.usernameRequired');
    else if (!/^[a-z0-9._-]{2,63}$/.test(username.trim())) fe.username = t('admin.usernameFormat');
    Object.assign(fe, validateUserFields(values, t));
    if (Object.keys(fe).length) {
      setErrors(fromFieldErrors(fe));
      return;
    }
    setErrors(noErrors);
    try {
      const res = await create.mutateAsync({ username: username.trim(), display_name: values.display_name.trim(), agency_id: values.agency_id, roles: values.roles });
      setCreated(res);
      announce(t('admin.userCreated'));
    } catch (err) {
      const p = problemToErrors(err, t, userFieldMap);
      if (err && typeof err === 'object' && 'code' in err && err.code === 'conflict') {
        setErrors(fromFieldErrors({ username: t('admin.usernameTaken') }));
      } else setErrors(p);
    }
  }

  if (created) {
    return (
      <div className="narrow">
        <h1>{t('admin.userCreated')}</h1>
        <Notice tone="success" role="status" title={t('admin.userCreatedFor', { name: created.user.display_name, username: created.user.username })} />
        <TemporaryPassword password={created.temporary_password} />
        <div className="button-row">
          <Link className="button button--secondary" to={`/admin/users/${created.user.id}`} state={{ user: created.user }}>
            {t('admin.openUser')}
          </Link>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setCreated(null);
              setUsername('');
              setValues(empty);
            }}
          >
            {t('admin.createAnother')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="narrow">
      <p className="back-link">
        <Link to="/admin/users">← {t('admin.users')}</Link>
      </p>
      <h1>{t('admin.createUser')}</h1>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextField
          id="username"
          label={t('admin.username')}
          hint={t('admin.usernameHint')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={errors.fields.username}
        />
        <UserFields values={values} onChange={setValues} errors={errors.fields} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('admin.createUserSubmit')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The temporary password, shown this once, with a copy button. */
export function TemporaryPassword({ password }: { password: string }) {
  const { t } = useTranslation();
  return (
    <div className="secret-box">
      <p className="secret-box__label" id="temp-password-label">
        {t('admin.temporaryPassword')}
      </p>
      <p>
        <code className="secret" data-testid="temporary-password">
          {password}
        </code>
      </p>
      <CopyButton text={password} />
      <p className="muted">{t('admin.temporaryPasswordHelp')}</p>
    </div>
  );
}
