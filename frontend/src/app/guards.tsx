import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '@/api/me';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { applyLanguage, isLanguage } from '@/lib/i18n';
import type { Role } from '@/lib/types';

/** Pages behind login. A temporary password must be changed before anything else. */
export function RequireAuth() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const language = me.data?.language;
  const userId = me.data?.id;
  // The language saved for the user wins over this device's choice once they sign in.
  useEffect(() => {
    if (userId && isLanguage(language)) applyLanguage(language);
  }, [userId, language]);

  if (me.isPending) return <SkeletonList rows={3} />;
  if (me.isError) return <Notice tone="error">{t('errors.loadFailed')}</Notice>;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.data.must_change_password && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

/** The login page is for people who are not signed in. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <SkeletonList rows={2} />;
  if (me.data) return <Navigate to={me.data.must_change_password ? '/change-password' : '/'} replace />;
  return <>{children}</>;
}

/** Pages for one role, or for any of several roles. */
export function RequireRole({ role }: { role: Role | readonly Role[] }) {
  const me = useMe().data;
  const wanted: readonly Role[] = typeof role === 'string' ? [role] : role;
  if (!me?.roles.some((r) => wanted.includes(r))) return <Forbidden />;
  return <Outlet />;
}

function Forbidden() {
  const { t } = useTranslation();
  useDocumentTitle(t('errors.forbiddenTitle'));
  return (
    <>
      <h1>{t('errors.forbiddenTitle')}</h1>
      <p>{t('errors.forbidden')}</p>
    </>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('errors.notFoundTitle'));
  return (
    <>
      <h1>{t('errors.notFoundTitle')}</h1>
      <p>{t('errors.notFoundPage')}</p>
    </>
  );
}
