import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/api/me';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useOnCallNow } from './api/onCallNow';
import { ROTA_DAYS, type AgencyOnCall } from './types';

/** Who is on call now in every agency (the caller's own first), each linking to its rota. */
export function OnCallPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const now = useOnCallNow();
  useDocumentTitle(t('oncall.now.title'));
  const items = [...(now.data?.items ?? [])];
  const own = items.findIndex((a) => String(a.agency_id) === String(me?.agency_id ?? ''));
  if (own > 0) items.unshift(...items.splice(own, 1));
  return (
    <>
      <h1>{t('oncall.now.title')}</h1>
      <p className="lead">{t('oncall.now.intro')}</p>
      {now.isPending ? (
        <SkeletonList rows={4} />
      ) : now.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        <ul className="oncall-list" aria-label={t('oncall.now.listLabel')}>
          {items.map((a) => (
            <AgencyItem key={a.agency_id} item={a} own={String(a.agency_id) === String(me?.agency_id ?? '')} />
          ))}
        </ul>
      )}
    </>
  );
}

function AgencyItem({ item, own }: { item: AgencyOnCall; own: boolean }) {
  const { t, i18n } = useTranslation();
  const s = item.shift;
  const headingId = `oncall-${item.agency_id}`;
  return (
    <li className={`card oncall-item${s ? '' : ' oncall-item--nobody'}`}>
      <h2 className="oncall-item__agency" id={headingId}>
        {item.agency_name}
        {own && <span className="tag tag--neutral">{t('oncall.now.yours')}</span>}
      </h2>
      {s ? (
        <dl className="oncall-people oncall-people--wide">
          <div>
            <dt>{t('oncall.oncall')}</dt>
            <dd className="oncall-item__name">{s.oncall_name}</dd>
          </div>
          <div>
            <dt>{t('oncall.backup')}</dt>
            <dd>{s.backup_name ?? <span className="muted">{t('oncall.none')}</span>}</dd>
          </div>
          <div>
            <dt>{t('oncall.head')}</dt>
            <dd>{s.head_name ?? <span className="muted">{t('oncall.none')}</span>}</dd>
          </div>
          <div>
            <dt>{t('oncall.untilLabel')}</dt>
            <dd>
              <time dateTime={s.ends_at}>{formatDateTime(s.ends_at, i18n.language)}</time> <span className="muted">({formatRelative(s.ends_at, i18n.language)})</span>
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t('oncall.nobody')}</p>
      )}
      <p className="oncall-item__link">
        <Link to={`/on-call/${item.agency_id}`}>
          {t('oncall.now.openRota', { days: ROTA_DAYS })}
          <span className="visually-hidden"> — {item.agency_name}</span>
        </Link>
      </p>
    </li>
  );
}
