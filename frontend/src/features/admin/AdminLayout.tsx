import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';

/** Administration: accounts and structure (no case content). Tabs are plain links. */
export function AdminLayout() {
  const { t } = useTranslation();
  const tabs = [
    { to: '/admin/users', label: t('admin.users') },
    { to: '/admin/teams', label: t('admin.teams') },
    { to: '/admin/agencies', label: t('admin.agencies') },
    { to: '/admin/groups', label: t('admin.groups.tab') },
    { to: '/admin/systems', label: t('admin.systems.tab') },
  ];
  return (
    <>
      <p className="eyebrow">{t('nav.admin')}</p>
      <nav className="tabs" aria-label={t('admin.sections')}>
        <ul>
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} className={({ isActive }) => `tabs__link${isActive ? ' tabs__link--active' : ''}`}>
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
