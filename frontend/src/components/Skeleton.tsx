import { useTranslation } from 'react-i18next';

/** Grey placeholder rows shown while a list loads (calmer than a spinner). */
export function SkeletonList({ rows = 4 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div className="skeleton-list" aria-busy="true">
      <span className="visually-hidden">{t('common.loading')}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div className="skeleton-row" key={i} aria-hidden="true">
          <div className="skeleton-line skeleton-line--wide" />
          <div className="skeleton-line" />
        </div>
      ))}
    </div>
  );
}
