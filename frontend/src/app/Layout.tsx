import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '@/api/logout';
import { useAlerts } from '@/api/alerts';
import { useMe } from '@/api/me';
import { useUpdateLanguage } from '@/api/updateLanguage';
import { LanguageSwitcher } from '@/components/LanguageSwitcher';
import { OfflineBanner } from '@/components/OfflineBanner';
import { useAnnounce } from '@/components/Status';
import { applyLanguage } from '@/lib/i18n';
import { syncWorkerLanguage } from '@/lib/push';
import { ALERT_ROLES, CASE_ROLES, hasAnyRole, INTAKE_ROLES, REVIEW_ROLES, VIOLENCE_REPORT_ROLES } from '@/lib/roles';
import type { Language } from '@/lib/types';
import { ONCALL_ROLES } from '@/features/oncall/roles';
import { useMeetingsNav } from '@/features/meetings/useMeetingsNav';
import { useRealtime } from './useRealtime';

/** Header with skip link, navigation for the user's roles, and the user's own profile, language and log out; then main. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const updateLanguage = useUpdateLanguage();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // Close the phone menu and move focus to the new page, so screen readers hear it.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  // Push notifications are worded by the service worker: it follows the language too.
  useEffect(() => {
    void syncWorkerLanguage(i18n.language);
  }, [i18n.language]);

  const changeLanguage = (l: Language) => {
    applyLanguage(l);
    if (me) updateLanguage.mutate(l);
  };

  const signedIn = !!me && !me.must_change_password;
  const caseRole = signedIn && hasAnyRole(me.roles, CASE_ROLES);
  const alertRole = signedIn && hasAnyRole(me.roles, ALERT_ROLES);
  const openAlerts = useOpenAlertCount(alertRole);
  const meetingsLink = useMeetingsNav(signedIn ? me : null);
  useRealtime(signedIn);
  const links: { to: string; label: string; end: boolean; badge?: number }[] = signedIn
    ? [
        { to: '/', label: t('nav.home'), end: true },
        ...(caseRole ? [{ to: '/cases', label: t('nav.cases'), end: false }] : []),
        ...(caseRole ? [{ to: '/tasks', label: t('nav.tasks'), end: false }] : []),
        ...(caseRole ? [{ to: '/referrals', label: t('nav.referrals'), end: false }] : []),
        ...(meetingsLink ? [{ to: '/meetings', label: t('meetings.nav'), end: false }] : []),
        ...(hasAnyRole(me.roles, VIOLENCE_REPORT_ROLES) ? [{ to: '/violence-reports', label: t('protection.nav.reports'), end: false }] : []),
        ...(hasAnyRole(me.roles, INTAKE_ROLES) ? [{ to: '/intake', label: t('nav.intake'), end: false }] : []),
        ...(hasAnyRole(me.roles, ONCALL_ROLES) ? [{ to: '/on-call', label: t('nav.onCall'), end: false }] : []),
        ...(alertRole ? [{ to: '/alerts', label: t('nav.alerts'), end: false, badge: openAlerts }] : []),
        ...(hasAnyRole(me.roles, REVIEW_ROLES) ? [{ to: '/emergency-access', label: t('nav.review'), end: false }] : []),
        ...(me.roles.includes('admin') ? [{ to: '/admin', label: t('nav.admin'), end: false }] : []),
        ...(me.roles.includes('auditor') ? [{ to: '/audit', label: t('nav.audit'), end: false }] : []),
      ]
    : [];

  const doLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            {t('app.name')}
          </Link>
          {me ? (
            <>
              <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="site-nav" onClick={() => setMenuOpen((o) => !o)}>
                <span className="menu-button__icon" aria-hidden="true">
                  {menuOpen ? '✕' : '☰'}
                </span>
                {t('nav.menu')}
                {/* On a phone the links hide behind the menu: the open alerts show on its button. */}
                {!menuOpen && openAlerts > 0 && (
                  <span className="badge">
                    {openAlerts}
                    <span className="visually-hidden"> {t('nav.openAlerts', { count: openAlerts })}</span>
                  </span>
                )}
              </button>
              <nav id="site-nav" className={`nav${menuOpen ? ' nav--open' : ''}`} aria-label={t('nav.main')}>
                <ul className="nav__list">
                  {links.map((l) => (
                    <li key={l.to}>
                      <NavLink to={l.to} end={l.end} className={({ isActive }) => `nav__link${isActive ? ' nav__link--active' : ''}`}>
                        {l.label}
                        {!!l.badge && (
                          <span className="badge">
                            {l.badge}
                            <span className="visually-hidden"> {t('nav.openAlerts', { count: l.badge })}</span>
                          </span>
                        )}
                      </NavLink>
                    </li>
                  ))}
                </ul>
                <div className="nav__tools">
                  {/* The user's own things (profile, language, log out) together, on the name's row: the row of links below is for the work. */}
                  {signedIn && (
                    <NavLink to="/profile" className="nav__tool-link">
                      {t('nav.profile')}
                    </NavLink>
                  )}
                  <LanguageSwitcher compact id="header-language" value={i18n.language as Language} onChange={changeLanguage} />
                  <button type="button" className="button button--ghost" onClick={doLogout} disabled={logout.isPending}>
                    {t('nav.logout')}
                  </button>
                </div>
              </nav>
            </>
          ) : (
            <div className="header__tools">
              <LanguageSwitcher compact id="header-language" value={i18n.language as Language} onChange={changeLanguage} />
            </div>
          )}
        </div>
      </header>
      <OfflineBanner />
      <main id="main" className="main" tabIndex={-1} ref={mainRef}>
        <Outlet />
      </main>
      <footer className="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

/** Open alerts for the badge (read again on each alert frame, or every 2 minutes); a new one is announced to screen readers. */
function useOpenAlertCount(enabled: boolean): number {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const alerts = useAlerts('open', enabled);
  const count = enabled ? (alerts.data?.items.length ?? 0) : 0;
  const seen = useRef<Set<string> | null>(null);
  const ids = (alerts.data?.items ?? []).map((a) => String(a.id)).join(',');
  useEffect(() => {
    if (!enabled || !alerts.data) return;
    const now = new Set(alerts.data.items.map((a) => String(a.id)));
    const before = seen.current;
    seen.current = now;
    if (before && [...now].some((id) => !before.has(id))) announce(t('alerts.announceNew'));
    // ids stands for the data: announce only when the set of alerts changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, enabled]);
  return count;
}
