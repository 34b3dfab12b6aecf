import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMe } from '@/api/me';
import { useLogout } from '@/api/logout';
import { useUpdateLanguage } from '@/api/updateLanguage';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextField } from '@/components/Field';
import { LanguageSwitcher } from '@/components/LanguageSwitcher';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { formatDateTime, formatRelative } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { applyLanguage } from '@/lib/i18n';
import type { Language } from '@/lib/types';
import { useDisableMfa } from './api/mfaDisable';
import { useEndSession } from './api/endSession';
import { useLogoutAll } from './api/logoutAll';
import { useSessions } from './api/sessions';
import { NotificationsSection } from './NotificationsSection';
import { describeUserAgent } from './userAgent';

export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const updateLanguage = useUpdateLanguage();
  const announce = useAnnounce();
  useDocumentTitle(t('profile.title'));
  if (!me) return null;

  const changeLanguage = (l: Language) => {
    applyLanguage(l);
    updateLanguage.mutate(l, { onSuccess: () => announce(t('profile.languageSaved', { lng: l })) });
  };

  return (
    <>
      <h1>{t('profile.title')}</h1>
      {flash === 'mfaEnabled' && (
        <Notice tone="success" role="status">
          {t('mfa.enabled')}
        </Notice>
      )}
      <section className="card" aria-labelledby="profile-you">
        <h2 id="profile-you">{t('profile.you')}</h2>
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>{t('profile.name')}</dt>
            <dd>{me.display_name}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('profile.username')}</dt>
            <dd>{me.username}</dd>
          </div>
        </dl>
        <LanguageSwitcher id="profile-language" value={(i18n.language as Language) ?? me.language} onChange={changeLanguage} />
        {updateLanguage.isError && <Notice tone="error">{t('profile.languageNotSaved')}</Notice>}
      </section>

      <section className="card" aria-labelledby="profile-password">
        <h2 id="profile-password">{t('password.title')}</h2>
        <p>{t('profile.passwordText')}</p>
        <Link className="button button--secondary" to="/change-password">
          {t('password.title')}
        </Link>
      </section>

      <NotificationsSection />
      <MfaSection enabled={me.mfa_enabled} />
      <SessionsSection />
      <SignOutSection />
    </>
  );
}

function MfaSection({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const disable = useDisableMfa();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!password) {
      setErrors(fromFieldErrors({ 'mfa-password': t('mfa.passwordRequired') }));
      return;
    }
    try {
      await disable.mutateAsync(password);
      setOpen(false);
      setPassword('');
      setErrors(noErrors);
      announce(t('mfa.disabled'));
    } catch (err) {
      setErrors(problemToErrors(err, t, { password: 'mfa-password' }, { forbidden: t('mfa.disableForbidden') }, { 'mfa-password': t('mfa.passwordWrong') }));
    }
  }

  return (
    <section className="card" aria-labelledby="profile-mfa">
      <h2 id="profile-mfa">{t('mfa.title')}</h2>
      <p>
        <span className={`tag ${enabled ? 'tag--ok' : 'tag--neutral'}`}>{enabled ? t('mfa.statusOn') : t('mfa.statusOff')}</span>
      </p>
      <p>{t('mfa.explain')}</p>
      {!enabled ? (
        <Link className="button button--secondary" to="/profile/mfa">
          {t('mfa.setUp')}
        </Link>
      ) : !open ? (
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t('mfa.turnOff')}
        </button>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <ErrorSummary items={errors.summary} />
          <TextField
            id="mfa-password"
            type="password"
            label={t('mfa.confirmWithPassword')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.fields['mfa-password']}
          />
          <div className="form__actions">
            <button type="submit" className="button button--warning" disabled={disable.isPending}>
              {t('mfa.turnOff')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function SessionsSection() {
  const { t, i18n } = useTranslation();
  const sessions = useSessions();
  const end = useEndSession();
  const announce = useAnnounce();
  return (
    <section className="card" aria-labelledby="profile-sessions">
      <h2 id="profile-sessions">{t('sessions.title')}</h2>
      <p>{t('sessions.explain')}</p>
      {sessions.isPending ? (
        <SkeletonList rows={2} />
      ) : sessions.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        <ul className="session-list">
          {[...sessions.data.items].sort((a, b) => Number(b.current) - Number(a.current)).map((s) => {
            const { browser, os } = describeUserAgent(s.user_agent ?? '');
            const device = [browser, os].filter(Boolean).join(', ') || t('sessions.unknownDevice');
            return (
              <li key={s.id} className="session">
                <div className="session__main">
                  <p className="session__device">
                    {device}
                    {s.current && <span className="tag tag--ok">{t('sessions.thisDevice')}</span>}
                  </p>
                  <p className="muted">
                    {t('sessions.lastSeen', { when: formatRelative(s.last_seen_at, i18n.language) })}
                    {s.client_ip ? ` · ${t('sessions.ip', { ip: s.client_ip })}` : ''}
                  </p>
                  <p className="muted">{t('sessions.started', { when: formatDateTime(s.created_at, i18n.language) })}</p>
                </div>
                {!s.current && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={end.isPending}
                    onClick={() => end.mutate(s.id, { onSuccess: () => announce(t('sessions.ended')) })}
                  >
                    {t('sessions.end')}
                    <span className="visually-hidden"> — {device}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function SignOutSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const logoutAll = useLogoutAll();
  return (
    <section className="card" aria-labelledby="profile-signout">
      <h2 id="profile-signout">{t('profile.signOutTitle')}</h2>
      <p>{t('profile.logoutAllText')}</p>
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={logout.isPending} onClick={() => logout.mutate(undefined, { onSuccess: () => navigate('/login', { replace: true }) })}>
          {t('nav.logout')}
        </button>
        <button
          type="button"
          className="button button--warning"
          disabled={logoutAll.isPending}
          onClick={() => logoutAll.mutate(undefined, { onSuccess: () => navigate('/login', { replace: true }) })}
        >
          {t('profile.logoutAll')}
        </button>
      </div>
      {logoutAll.isError && <Notice tone="error">{t('errors.internal')}</Notice>}
    </section>
  );
}
