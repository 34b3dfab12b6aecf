import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAlerts } from '@/api/alerts';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { formatDateTime, formatRelative } from '@/lib/format';
import { AlertLinks, IntakeQueueLink, UrgentTag } from './AlertLinks';
import { useAckAlert } from './api/ackAlert';
import { kindKey, type PagedAlert } from './types';

/** The caller's alerts, open first and urgent (paged) ones before the rest; one large button acknowledges each. */
export function AlertsPage() {
  const { t } = useTranslation();
  const alerts = useAlerts('all');
  useDocumentTitle(t('alerts.title'));
  const items: PagedAlert[] = alerts.data?.items ?? [];
  // A stable sort: newest first within the urgent and within the others.
  const open = items.filter((a) => !a.acknowledged_at).sort((a, b) => Number(!!b.urgent) - Number(!!a.urgent));
  const done = items.filter((a) => a.acknowledged_at);
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      <p className="lead">{t('alerts.intro')}</p>
      <IntakeQueueLink />
      {alerts.isPending ? (
        <SkeletonList rows={3} />
      ) : alerts.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        <>
          <section aria-labelledby="alerts-open">
            <h2 id="alerts-open">{t('alerts.open', { count: open.length })}</h2>
            {open.length === 0 ? (
              <Notice tone="success" title={t('alerts.noneOpen')} />
            ) : (
              <ul className="alert-list">
                {open.map((a) => (
                  <AlertItem key={a.id} alert={a} />
                ))}
              </ul>
            )}
          </section>
          {done.length > 0 && (
            <section aria-labelledby="alerts-done">
              <h2 id="alerts-done">{t('alerts.acknowledged')}</h2>
              <ul className="alert-list">
                {done.map((a) => (
                  <AlertItem key={a.id} alert={a} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}

function AlertItem({ alert }: { alert: PagedAlert }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const ack = useAckAlert();
  const open = !alert.acknowledged_at;
  return (
    <li className={`alert-item${open ? ' alert-item--open' : ''}${open && alert.urgent ? ' alert-item--urgent' : ''}`}>
      <p className="alert-item__title">
        {alert.urgent ? (
          <UrgentTag open={open} />
        ) : (
          open && (
            <span className="tag tag--urgent">
              <span aria-hidden="true">⚠ </span>
              {t('alerts.new')}
            </span>
          )
        )}{' '}
        <Link to={`/alerts/${alert.id}`}>{t(kindKey(alert))}</Link>
      </p>
      <p className="muted">
        <time dateTime={alert.created_at}>{formatDateTime(alert.created_at, i18n.language)}</time> ({formatRelative(alert.created_at, i18n.language)})
        {alert.acknowledged_at && <> · {t('alerts.acknowledgedAt', { when: formatDateTime(alert.acknowledged_at, i18n.language) })}</>}
      </p>
      <AlertLinks alert={alert} />
      {open && (
        <button
          type="button"
          className="button button--primary button--large"
          disabled={ack.isPending}
          onClick={() => ack.mutate(String(alert.id), { onSuccess: () => announce(t('alerts.acked')) })}
        >
          {ack.isPending ? t('common.saving') : t('alerts.ack')}
        </button>
      )}
      {ack.isError && (
        <p className="field__error" role="alert">
          {t('alerts.ackFailed')}
        </p>
      )}
    </li>
  );
}
