import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { formatDateTime } from '@/lib/format';
import { useInboundEvents } from './api/inboundEvents';

const TYPES = ['police_intervention', 'hospital_admission', 'hospital_discharge', 'residential_care_incident'];

/**
 * What partner systems reported about the people of the case: what, when and from whom for
 * every reader; the partner's note only for the roles that read its kind (police notes for
 * police and prosecutors, hospitals' for health professionals, care homes' for social work).
 */
export function InboundEvents({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const events = useInboundEvents(caseId);
  return (
    <section className="card inbound-events" aria-labelledby="inbound-events-title">
      <h2 id="inbound-events-title">{t('alerts.inbound.title')}</h2>
      {events.isPending && <SkeletonList rows={2} />}
      {events.isError && <Notice tone="error">{t('errors.loadFailed')}</Notice>}
      {events.data && events.data.items.length === 0 && <p className="muted">{t('alerts.inbound.none')}</p>}
      {events.data && events.data.items.length > 0 && (
        <ul className="inbound-events__list">
          {events.data.items.map((e) => (
            <li key={e.id} className="inbound-events__item">
              <p className="inbound-events__what">
                <strong>{t(`alerts.inbound.types.${TYPES.includes(e.type) ? e.type : 'other'}`)}</strong>
                {e.urgent_measure && <span className="tag tag--urgent">{t('alerts.inbound.urgentMeasure')}</span>}
              </p>
              <p className="muted">
                {t('alerts.inbound.from', { system: e.system_name, agency: e.agency_name })} ·{' '}
                {t('alerts.inbound.occurred', { when: formatDateTime(e.occurred_at, i18n.language) })}
              </p>
              {e.note && <p className="inbound-events__note">{e.note}</p>}
              {e.withheld && <p className="muted">{t('alerts.inbound.withheld')}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
