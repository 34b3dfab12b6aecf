import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { useMe } from '@/api/me';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { useChangePassword } from './api/changePassword';

export const MIN_PASSWORD_LENGTH = 12;

/** Change password; when the password is temporary this is the only screen until it is done. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const me = useMe();
  const forced = !!me.data?.must_change_password;
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [show, setShow] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  useDocumentTitle(t('password.title'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fe: FieldErrors = {};
    if (!current) fe['current-password'] = t('password.currentRequired');
    if (next.length < MIN_PASSWORD_LENGTH) fe['new-password'] = t('password.tooShort', { count: MIN_PASSWORD_LENGTH });
    else if (next === current) fe['new-password'] = t('password.sameAsCurrent');
    if (Object.keys(fe).length) {
      setErrors(fromFieldErrors(fe));
      return;
    }
    setErrors(noErrors);
    try {
      await change.mutateAsync({ current_password: current, new_password: next });
      announce(t('password.changed'));
      navigate('/', { replace: true, state: { flash: 'passwordChanged' } });
    } catch (err) {
      setErrors(
        problemToErrors(err, t, { current_password: 'current-password', new_password: 'new-password' }, {}, { 'current-password': forced ? t('password.temporaryWrong') : t('password.currentWrong') }),
      );
    }
  }

  return (
    <div className="narrow">
      {!forced && (
        <p className="back-link">
          <Link to="/profile">← {t('profile.title')}</Link>
        </p>
      )}
      <h1>{t('password.title')}</h1>
      {forced && <Notice tone="info" title={t('password.forcedTitle')}>{t('password.forcedBody')}</Notice>}
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextField
          id="current-password"
          type={show ? 'text' : 'password'}
          label={forced ? t('password.temporary') : t('password.current')}
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={errors.fields['current-password']}
        />
        <TextField
          id="new-password"
          type={show ? 'text' : 'password'}
          label={t('password.new')}
          hint={t('password.newHint', { count: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={errors.fields['new-password']}
        />
        <div className="checkbox">
          <input id="show-passwords" type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
          <label htmlFor="show-passwords">{t('password.show')}</label>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={change.isPending}>
            {change.isPending ? t('common.saving') : t('password.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
