import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAlerts } from '@/api/alerts';
import { useMe } from '@/api/me';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { formatDateTime, formatRelative } from '@/lib/format';
import { CASE_ROLES, hasAnyRole, REVIEW_ROLES } from '@/lib/roles';
import type { Alert } from '@/lib/types';
import { useAckAlert } from './api/ackAlert';

const KNOWN_KINDS = ['emergency_access', 'mention', 'referral_received', 'referral_answered', 'referral_breached'];

/** A referral alert names the referral, not the case: the receiving side may not see the case yet. */
const REFERRAL_KINDS = ['referral_received', 'referral_answered', 'referral_breached'];

/** The caller's alerts, open first; one large button acknowledges each. */
export function AlertsPage() {
  const { t } = useTranslation();
  const alerts = useAlerts('all');
  useDocumentTitle(t('alerts.title'));
  const items = alerts.data?.items ?? [];
  const open = items.filter((a) => !a.acknowledged_at);
  const done = items.filter((a) => a.acknowledged_at);
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      <p className="lead">{t('alerts.intro')}</p>
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

function AlertItem({ alert }: { alert: Alert }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const me = useMe().data;
  const ack = useAckAlert();
  const kind = KNOWN_KINDS.includes(alert.kind) ? alert.kind : 'unknown';
  const open = !alert.acknowledged_at;
  // Auditors are told of emergency access but read no case content: they get the review link.
  const canOpenCase = hasAnyRole(me?.roles, CASE_ROLES);
  const canReview = hasAnyRole(me?.roles, REVIEW_ROLES) && alert.kind === 'emergency_access';
  return (
    <li className={`alert-item${open ? ' alert-item--open' : ''}`}>
      <p className="alert-item__title">
        {open && (
          <span className="tag tag--urgent">
            <span aria-hidden="true">⚠ </span>
            {t('alerts.new')}
          </span>
        )}{' '}
        {t(`alerts.kinds.${kind}`)}
      </p>
      <p className="muted">
        <time dateTime={alert.created_at}>{formatDateTime(alert.created_at, i18n.language)}</time> ({formatRelative(alert.created_at, i18n.language)})
        {alert.acknowledged_at && <> · {t('alerts.acknowledgedAt', { when: formatDateTime(alert.acknowledged_at, i18n.language) })}</>}
      </p>
      <p className="alert-item__links">
        {alert.referral_id && canOpenCase && REFERRAL_KINDS.includes(alert.kind) && <Link to={`/referrals/${alert.referral_id}`}>{t('alerts.openReferral')}</Link>}
        {alert.case_id && canOpenCase && alert.kind === 'mention' && <Link to={`/cases/${alert.case_id}/chat`}>{t('alerts.openChat')}</Link>}
        {alert.case_id && canOpenCase && alert.kind !== 'mention' && <Link to={`/cases/${alert.case_id}`}>{t('alerts.openCase')}</Link>}
        {canReview && <Link to="/emergency-access">{t('alerts.review')}</Link>}
      </p>
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
