import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import { useMe } from '@/api/me';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { isApiError } from '@/lib/api';
import { formatTime } from '@/lib/format';
import type { Case, User } from '@/lib/types';
import { useCase } from './api/case';
import { RiskTag } from './badges';

export type CaseContext = { kase: Case; me: User };

/** The case a workspace tab shows, and the signed-in user. */
export function useCaseContext() {
  return useOutletContext<CaseContext>();
}

/** A tab another feature adds to the workspace: at cases/:id/<path>, for the cases it shows on. */
export type ExtraTab = { path: string; Label: ComponentType<{ kase: Case }>; show: (c: Case) => boolean };

/**
 * The case workspace: heading, emergency banner, tabs (overview, timeline, plan, tasks, people,
 * members, and the access log for the lead). The app adds the chat's tab (`chatTab`, its label
 * with the unread count) and other features' tabs (`extraTabs`), since features do not import
 * each other.
 */
export function CaseLayout({ chatTab: ChatTab, extraTabs = [] }: { chatTab?: ComponentType<{ caseId: string }>; extraTabs?: ExtraTab[] } = {}) {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const kase = useCase(id);
  // Never the person's name or the case title in the browser's title or history.
  useDocumentTitle(kase.isError ? t('caseWorkspace.notFoundTitle') : t('caseWorkspace.documentTitle'));

  if (kase.isPending) return <SkeletonList rows={4} />;
  if (kase.isError) {
    if (isApiError(kase.error) && (kase.error.status === 404 || kase.error.status === 403)) return <CaseNotFound />;
    return <Notice tone="error">{t('errors.loadFailed')}</Notice>;
  }
  if (!me) return null;
  const c = kase.data;
  const tabs = [
    { to: `/cases/${id}`, label: t('caseWorkspace.overview') as ReactNode, end: true },
    ...(ChatTab ? [{ to: `/cases/${id}/chat`, label: <ChatTab caseId={id} />, end: false }] : []),
    ...extraTabs.filter((x) => x.show(c)).map(({ path, Label }) => ({ to: `/cases/${id}/${path}`, label: <Label kase={c} />, end: false })),
    { to: `/cases/${id}/timeline`, label: t('caseWorkspace.timeline'), end: false },
    { to: `/cases/${id}/plan`, label: t('caseWorkspace.plan'), end: false },
    { to: `/cases/${id}/tasks`, label: t('caseWorkspace.tasks'), end: false },
    { to: `/cases/${id}/people`, label: t('caseWorkspace.people'), end: false },
    { to: `/cases/${id}/members`, label: t('caseWorkspace.members'), end: false },
    // The access log answers only the lead; others do not see the tab at all.
    ...(String(c.lead_id) === String(me.id) ? [{ to: `/cases/${id}/access-log`, label: t('caseWorkspace.accessLog'), end: false }] : []),
  ];
  return (
    <>
      {c.my_basis === 'emergency' && (
        <div className="emergency-banner" role="note" aria-label={t('caseWorkspace.emergencyLabel')}>
          <span className="emergency-banner__icon" aria-hidden="true">
            ⚠
          </span>
          <p>
            <strong>
              {c.emergency_access
                ? t('caseWorkspace.emergencyUntil', { time: formatTime(c.emergency_access.expires_at, i18n.language) })
                : t('caseWorkspace.emergencyNoTime')}
            </strong>{' '}
            {t('caseWorkspace.emergencyLogged')}
          </p>
        </div>
      )}
      <p className="back-link">
        <Link to="/cases">← {t('cases.title')}</Link>
      </p>
      <p className="eyebrow">{t('caseWorkspace.eyebrow')}</p>
      <div className="case-head">
        <h1>{c.title}</h1>
        <p className="case-head__tags">
          <RiskTag level={c.risk_level} />
          <span className="tag tag--neutral">{t(`caseStatus.${c.status}`)}</span>
          <span className="tag tag--neutral">{t(`category.${c.category}`)}</span>
        </p>
      </div>
      <nav className="tabs" aria-label={t('caseWorkspace.sections')}>
        <ul>
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={tab.end} className={({ isActive }) => `tabs__link${isActive ? ' tabs__link--active' : ''}`}>
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet context={{ kase: c, me } satisfies CaseContext} />
    </>
  );
}

/** Calm and identical whether the case does not exist or the user may not see it. */
export function CaseNotFound() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t('caseWorkspace.notFoundTitle')}</h1>
      <p>{t('caseWorkspace.notFoundBody')}</p>
      <p>{t('caseWorkspace.notFoundHelp')}</p>
      <p>
        <Link to="/cases">← {t('caseWorkspace.backToCases')}</Link>
      </p>
    </div>
  );
}
