import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '@/api/logout';
import { useMe } from '@/api/me';
import { useUpdateLanguage } from '@/api/updateLanguage';
import { LanguageSwitcher } from '@/components/LanguageSwitcher';
import { OfflineBanner } from '@/components/OfflineBanner';
import { applyLanguage } from '@/lib/i18n';
import type { Language } from '@/lib/types';

/** Header with skip link, navigation for the user's roles, language and log out; then main. */
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

  const changeLanguage = (l: Language) => {
    applyLanguage(l);
    if (me) updateLanguage.mutate(l);
  };

  const signedIn = !!me && !me.must_change_password;
  const links = signedIn
    ? [
        { to: '/', label: t('nav.home'), end: true },
        ...(me.roles.includes('admin') ? [{ to: '/admin', label: t('nav.admin'), end: false }] : []),
        ...(me.roles.includes('auditor') ? [{ to: '/audit', label: t('nav.audit'), end: false }] : []),
        { to: '/profile', label: t('nav.profile'), end: false },
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
              </button>
              <nav id="site-nav" className={`nav${menuOpen ? ' nav--open' : ''}`} aria-label={t('nav.main')}>
                <ul className="nav__list">
                  {links.map((l) => (
                    <li key={l.to}>
                      <NavLink to={l.to} end={l.end} className={({ isActive }) => `nav__link${isActive ? ' nav__link--active' : ''}`}>
                        {l.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
                <div className="nav__tools">
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
