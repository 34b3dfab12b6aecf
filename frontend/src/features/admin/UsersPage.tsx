import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAgencies } from '@/api/agencies';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { useUsers } from './api/users';

export function UsersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const users = useUsers(q);
  const agencies = useAgencies();
  const agencyName = (id: string) => agencies.data?.items.find((a) => String(a.id) === String(id))?.name ?? '';
  useDocumentTitle(`${t('nav.admin')}: ${t('admin.users')}`);
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];

  const search = (e: FormEvent) => {
    e.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('admin.users')}</h1>
        <Link className="button button--primary" to="/admin/users/new">
          {t('admin.createUser')}
        </Link>
      </div>
      <form className="search" role="search" onSubmit={search}>
        <label htmlFor="user-search" className="field__label">
          {t('admin.searchUsers')}
        </label>
        <div className="search__row">
          <input id="user-search" className="input" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false} />
          <button type="submit" className="button button--secondary">
            {t('common.search')}
          </button>
        </div>
      </form>
      {users.isPending ? (
        <SkeletonList rows={6} />
      ) : users.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{q ? t('admin.noUsersMatch', { q }) : t('admin.noUsers')}</p>
      ) : (
        <>
          <ul className="row-list" aria-label={t('admin.users')}>
            {items.map((u) => (
              <li key={u.id} className="row-list__item">
                <Link to={`/admin/users/${u.id}`} className="row-list__link" state={{ user: u }}>
                  <span className="row-list__title">{u.display_name}</span>
                  <span className="row-list__meta">
                    {u.username}
                    {agencyName(u.agency_id) ? ` · ${agencyName(u.agency_id)}` : ''}
                  </span>
                  <span className="row-list__meta">{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</span>
                </Link>
                {!u.active && <span className="tag tag--neutral">{t('admin.deactivated')}</span>}
              </li>
            ))}
          </ul>
          {users.hasNextPage && (
            <div className="load-more">
              <button type="button" className="button button--secondary" onClick={() => users.fetchNextPage()} disabled={users.isFetchingNextPage}>
                {users.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
