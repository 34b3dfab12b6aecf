import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { formatDateTime } from '@/lib/format';
import { useAccessLog } from './api/accessLog';
import { useCaseContext } from './CaseLayout';

/** Who read or changed the case, what, when and on what basis — for the lead. */
export function CaseAccessLog() {
  const { t, i18n } = useTranslation();
  const { kase, me } = useCaseContext();
  const isLead = String(kase.lead_id) === String(me.id);
  const log = useAccessLog(String(kase.id), isLead);
  if (!isLead) return <p className="muted">{t('accessLog.leadOnly')}</p>;
  return (
    <section aria-labelledby="access-title">
      <h2 id="access-title">{t('accessLog.title')}</h2>
      <p className="muted">{t('accessLog.intro')}</p>
      {log.isPending ? (
        <SkeletonList rows={4} />
      ) : log.isError ? (
        <Notice tone="info">{t('accessLog.unavailable')}</Notice>
      ) : (
        <ul className="row-list">
          {log.data.items.map((x, i) => (
            <li key={`${x.at}-${i}`} className="row-list__item row-list__item--wrap">
              <div className="row-list__text">
                <span className="row-list__title">
                  {x.actor_name || t('accessLog.system')} — {t(`accessLog.action.${x.action}`, { defaultValue: t('accessLog.otherAction') })}
                </span>
                <span className="row-list__meta">
                  {formatDateTime(x.at, i18n.language)} · {t(`caseBasis.${x.basis}`, { defaultValue: x.basis })}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
