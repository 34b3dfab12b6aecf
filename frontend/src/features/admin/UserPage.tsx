import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useAgencies } from '@/api/agencies';
import { useMe } from '@/api/me';
import { ErrorSummary } from '@/components/ErrorSummary';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { formatDateTime } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import type { User } from '@/lib/types';
import { useDeactivateUser, type ToReassign } from './api/deactivateUser';
import { useReactivateUser } from './api/reactivateUser';
import { useResetMfa } from './api/resetMfa';
import { useResetPassword } from './api/resetPassword';
import { useUpdateUser } from './api/updateUser';
import { useUser } from './api/user';
import { TemporaryPassword } from './NewUserPage';
import { UserFields, userFieldMap, validateUserFields, type UserFormValues } from './UserFields';

export function UserPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const passed = (location.state as { user?: User } | null)?.user;
  const user = useUser(id);
  useDocumentTitle(`${t('nav.admin')}: ${t('admin.user')}`);
  const data = user.data ?? (passed && String(passed.id) === id ? passed : undefined);
  return (
    <>
      <p className="back-link">
        <Link to="/admin/users">← {t('admin.users')}</Link>
      </p>
      {data ? (
        <UserDetail key={String(data.id)} user={data} />
      ) : user.isError ? (
        <Notice tone="error">{t('admin.userNotFound')}</Notice>
      ) : (
        <SkeletonList rows={4} />
      )}
    </>
  );
}

function UserDetail({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const agencies = useAgencies();
  const me = useMe().data;
  const agency = agencies.data?.items.find((a) => String(a.id) === String(user.agency_id));
  const isSelf = me && String(me.id) === String(user.id);
  return (
    <>
      <h1>{user.display_name}</h1>
      <dl className="summary-list card">
        <div className="summary-list__row">
          <dt>{t('admin.username')}</dt>
          <dd>{user.username}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('admin.agency')}</dt>
          <dd>{agency?.name ?? '—'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('admin.status')}</dt>
          <dd>
            {user.active ? (
              <span className="tag tag--ok">{t('admin.active')}</span>
            ) : (
              <span className="tag tag--neutral">
                {t('admin.deactivated')}
                {user.deactivated_at ? ` · ${formatDateTime(user.deactivated_at, i18n.language)}` : ''}
              </span>
            )}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('mfa.title')}</dt>
          <dd>{user.mfa_enabled ? t('mfa.statusOn') : t('mfa.statusOff')}</dd>
        </div>
        {user.must_change_password && (
          <div className="summary-list__row">
            <dt>{t('login.password')}</dt>
            <dd>{t('admin.mustChangePassword')}</dd>
          </div>
        )}
      </dl>
      <EditUser user={user} />
      <AccessActions user={user} isSelf={!!isSelf} />
    </>
  );
}

function EditUser({ user }: { user: User }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const update = useUpdateUser();
  const [values, setValues] = useState<UserFormValues>({ display_name: user.display_name, agency_id: String(user.agency_id ?? ''), roles: user.roles });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const fe = validateUserFields(values, t);
    if (Object.keys(fe).length) {
      setErrors(fromFieldErrors(fe));
      return;
    }
    setErrors(noErrors);
    try {
      await update.mutateAsync({ id: String(user.id), display_name: values.display_name.trim(), agency_id: values.agency_id, roles: values.roles });
      setSaved(true);
      announce(t('common.saved'));
    } catch (err) {
      setErrors(problemToErrors(err, t, userFieldMap));
    }
  }

  return (
    <section className="card" aria-labelledby="edit-user">
      <h2 id="edit-user">{t('admin.editUser')}</h2>
      <ErrorSummary items={errors.summary} />
      {saved && (
        <Notice tone="success" role="status">
          {t('common.saved')}
        </Notice>
      )}
      <form onSubmit={submit} noValidate className="form">
        <UserFields values={values} onChange={setValues} errors={errors.fields} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={update.isPending}>
            {update.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function AccessActions({ user, isSelf }: { user: User; isSelf: boolean }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const id = String(user.id);
  const deactivate = useDeactivateUser();
  const reactivate = useReactivateUser();
  const resetPassword = useResetPassword();
  const resetMfa = useResetMfa();
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const [toReassign, setToReassign] = useState<ToReassign | null>(null);
  const [tempPassword, setTempPassword] = useState<string | null>(null);
  const [mfaReset, setMfaReset] = useState(false);
  const [error, setError] = useState<FormErrors>(noErrors);
  const fail = (err: unknown) => setError(problemToErrors(err, t));

  return (
    <section className="card" aria-labelledby="user-access">
      <h2 id="user-access">{t('admin.access')}</h2>
      <ErrorSummary items={error.summary} />

      {toReassign && (
        <Notice tone="warning" title={t('admin.deactivatedDone', { name: user.display_name })}>
          {toReassign.cases.length === 0 && toReassign.tasks.length === 0 ? (
            <p>{t('admin.nothingToReassign')}</p>
          ) : (
            <>
              <p>{t('admin.reassignIntro')}</p>
              {toReassign.cases.length > 0 && (
                <>
                  <h3>{t('admin.reassignCases', { count: toReassign.cases.length })}</h3>
                  <ul data-testid="reassign-cases">
                    {toReassign.cases.map((c) => (
                      <li key={c.id}>{c.title}</li>
                    ))}
                  </ul>
                </>
              )}
              {toReassign.tasks.length > 0 && (
                <>
                  <h3>{t('admin.reassignTasks', { count: toReassign.tasks.length })}</h3>
                  <ul data-testid="reassign-tasks">
                    {toReassign.tasks.map((task) => (
                      <li key={task.id}>{task.title}</li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </Notice>
      )}

      {tempPassword && <TemporaryPassword password={tempPassword} />}
      {mfaReset && (
        <Notice tone="success" role="status">
          {t('admin.mfaResetDone')}
        </Notice>
      )}

      <div className="action-list">
        <div className="action">
          <div>
            <h3>{t('admin.resetPassword')}</h3>
            <p className="muted">{t('admin.resetPasswordText')}</p>
          </div>
          <button
            type="button"
            className="button button--secondary"
            disabled={resetPassword.isPending}
            onClick={() =>
              resetPassword.mutate(id, {
                onSuccess: (r) => {
                  setTempPassword(r.temporary_password);
                  announce(t('admin.passwordResetDone'));
                },
                onError: fail,
              })
            }
          >
            {t('admin.resetPassword')}
          </button>
        </div>

        {user.mfa_enabled && (
          <div className="action">
            <div>
              <h3>{t('admin.resetMfa')}</h3>
              <p className="muted">{t('admin.resetMfaText')}</p>
            </div>
            <button
              type="button"
              className="button button--secondary"
              disabled={resetMfa.isPending}
              onClick={() =>
                resetMfa.mutate(id, {
                  onSuccess: () => {
                    setMfaReset(true);
                    announce(t('admin.mfaResetDone'));
                  },
                  onError: fail,
                })
              }
            >
              {t('admin.resetMfa')}
            </button>
          </div>
        )}

        {user.active ? (
          <div className="action">
            <div>
              <h3>{t('admin.deactivate')}</h3>
              <p className="muted">{isSelf ? t('admin.cannotDeactivateSelf') : t('admin.deactivateText')}</p>
            </div>
            {!isSelf &&
              (!confirmDeactivate ? (
                <button type="button" className="button button--warning" onClick={() => setConfirmDeactivate(true)}>
                  {t('admin.deactivate')}
                </button>
              ) : (
                <div className="confirm" role="group" aria-label={t('admin.confirmDeactivateTitle')}>
                  <p>
                    <strong>{t('admin.confirmDeactivate', { name: user.display_name })}</strong>
                  </p>
                  <div className="button-row">
                    <button
                      type="button"
                      className="button button--warning"
                      disabled={deactivate.isPending}
                      onClick={() =>
                        deactivate.mutate(id, {
                          onSuccess: (r) => {
                            setToReassign(r.to_reassign ?? { cases: [], tasks: [] });
                            setConfirmDeactivate(false);
                            announce(t('admin.deactivatedDone', { name: user.display_name }));
                          },
                          onError: fail,
                        })
                      }
                    >
                      {t('admin.confirmDeactivateButton')}
                    </button>
                    <button type="button" className="button button--secondary" onClick={() => setConfirmDeactivate(false)}>
                      {t('common.cancel')}
                    </button>
                  </div>
                </div>
              ))}
          </div>
        ) : (
          <div className="action">
            <div>
              <h3>{t('admin.reactivate')}</h3>
              <p className="muted">{t('admin.reactivateText')}</p>
            </div>
            <button
              type="button"
              className="button button--secondary"
              disabled={reactivate.isPending}
              onClick={() =>
                reactivate.mutate(id, {
                  onSuccess: () => {
                    setToReassign(null);
                    announce(t('admin.reactivated'));
                  },
                  onError: fail,
                })
              }
            >
              {t('admin.reactivate')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
