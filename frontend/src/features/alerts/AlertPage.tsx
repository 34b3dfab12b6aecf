import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { isApiError } from '@/lib/api';
import { formatDateTime, formatRelative } from '@/lib/format';
import { AlertLinks, UrgentTag } from './AlertLinks';
import { InboundEvents } from './InboundEvents';
import { useAckAlert } from './api/ackAlert';
import { useAlert } from './api/alert';
import { kindKey, type PagedAlert, type PageStep } from './types';

const KNOWN_STEPS = ['page', 'escalate', 'handover', 'acknowledge', 'nobody_on_call', 'shift_ended'];

/**
 * One alert: what it is about, one large Acknowledge button while it is open (for a page, one
 * tap ends it for everyone paged), then who acknowledged it and when, and the page's timeline.
 */
export function AlertPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const alert = useAlert(id);
  // Never what the alert is about in the browser's title or history.
  useDocumentTitle(t('alerts.page.documentTitle'));

  if (alert.isPending) return <SkeletonList rows={3} />;
  if (alert.isError) {
    if (isApiError(alert.error) && alert.error.status === 404) {
      return (
        <div className="narrow">
          <h1>{t('alerts.page.notFoundTitle')}</h1>
          <p>{t('alerts.page.notFoundBody')}</p>
          <p>
            <Link to="/alerts">← {t('alerts.title')}</Link>
          </p>
        </div>
      );
    }
    return <Notice tone="error">{t('errors.loadFailed')}</Notice>;
  }
  return <AlertView alert={alert.data} />;
}

function AlertView({ alert }: { alert: PagedAlert }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const ack = useAckAlert();
  const doneRef = useRef<HTMLDivElement>(null);
  const open = !alert.acknowledged_at;
  const justAcked = ack.isSuccess;
  // After the tap, the answer takes the button's place and focus, so nobody is left on nothing.
  // (The mutation's success and the alert's new state may arrive in separate renders.)
  useEffect(() => {
    if (justAcked && !open) doneRef.current?.focus();
  }, [justAcked, open]);

  return (
    <div className="alert-page">
      <p className="back-link">
        <Link to="/alerts">← {t('alerts.title')}</Link>
      </p>
      {alert.urgent && (
        <p className="alert-page__tags">
          <UrgentTag open={open} />
        </p>
      )}
      <h1 className="alert-page__title">{t(kindKey(alert))}</h1>
      <p className="muted">
        <time dateTime={alert.created_at}>{formatDateTime(alert.created_at, i18n.language)}</time> ({formatRelative(alert.created_at, i18n.language)})
      </p>
      {open ? (
        <div className="alert-ack">
          {alert.urgent && <p className="alert-ack__hint">{t('alerts.page.ackHint')}</p>}
          <button
            type="button"
            className="button button--primary button--large alert-ack__button"
            disabled={ack.isPending}
            onClick={() => ack.mutate(String(alert.id), { onSuccess: () => announce(t('alerts.acked')) })}
          >
            {ack.isPending ? t('common.saving') : t('alerts.ack')}
          </button>
          {ack.isError && (
            <p className="field__error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {t('alerts.ackFailed')}
            </p>
          )}
        </div>
      ) : (
        <div tabIndex={-1} ref={doneRef} className="alert-page__done">
          <Notice tone="success" title={t('alerts.page.acknowledgedTitle')}>
            <p>{acknowledgedBy(alert, t, i18n.language)}</p>
          </Notice>
        </div>
      )}
      <AlertLinks alert={alert} />
      {alert.kind === 'inbound_event' && alert.case_id && <InboundEvents caseId={alert.case_id} />}
      {alert.steps && alert.steps.length > 0 && <Timeline steps={alert.steps} />}
    </div>
  );
}

/** "Marija Petrović acknowledged it on …" from the page's last acknowledge step, else the alert's own time. */
function acknowledgedBy(alert: PagedAlert, t: (k: string, o?: Record<string, string>) => string, lang: string): string {
  const step = [...(alert.steps ?? [])].reverse().find((s) => s.action === 'acknowledge');
  if (step) return t('alerts.page.acknowledgedBy', { name: step.user_name ?? t('alerts.page.someone'), when: formatDateTime(step.at, lang) });
  return t('alerts.page.acknowledgedWhen', { when: formatDateTime(alert.acknowledged_at ?? '', lang) });
}

/** The page's steps, oldest first: who was paged, who it went on to, who acknowledged. */
function Timeline({ steps }: { steps: PageStep[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card alert-timeline" aria-labelledby="alert-timeline">
      <h2 id="alert-timeline">{t('alerts.page.timeline')}</h2>
      <ol className="referral-history">
        {steps.map((s) => (
          <li key={s.seq} className={`referral-history__item alert-step alert-step--${KNOWN_STEPS.includes(s.action) ? s.action : 'other'}`}>
            <p className="referral-history__what">{t(`alerts.steps.${KNOWN_STEPS.includes(s.action) ? s.action : 'other'}`, { name: s.user_name ?? t('alerts.page.someone') })}</p>
            <p className="muted">
              <time dateTime={s.at}>{formatDateTime(s.at, i18n.language)}</time>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
