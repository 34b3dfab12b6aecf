import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgencies } from '@/api/agencies';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';

export function AgenciesPage() {
  const { t } = useTranslation();
  const agencies = useAgencies();
  useDocumentTitle(`${t('nav.admin')}: ${t('admin.agencies')}`);
  return (
    <>
      <div className="page-head">
        <h1>{t('admin.agencies')}</h1>
        <Link className="button button--primary" to="/admin/agencies/new">
          {t('admin.createAgency')}
        </Link>
      </div>
      {agencies.isPending ? (
        <SkeletonList rows={5} />
      ) : agencies.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : agencies.data.items.length === 0 ? (
        <p className="muted">{t('admin.noAgencies')}</p>
      ) : (
        <ul className="row-list" aria-label={t('admin.agencies')}>
          {agencies.data.items.map((a) => (
            <li key={a.id} className="row-list__item">
              <Link to={`/admin/agencies/${a.id}`} className="row-list__link">
                <span className="row-list__title">{a.name}</span>
                <span className="row-list__meta">
                  {t(`agencyTypes.${a.type}`)}
                  {a.municipality ? ` · ${a.municipality}` : ''}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
