import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/Notice';
import { useAckTimes } from './api/ackTimes';

const PERIODS = [7, 30, 90];

/** Minutes, rounded up, for a duration in seconds. */
function minutes(seconds: number): number {
  return Math.ceil(seconds / 60);
}

/**
 * How quickly pages were acknowledged, per hour of the day they came in (Belgrade time), for
 * reports: pages, acknowledged, the median and the longest wait.
 */
export function AckTimesSection({ agencyId }: { agencyId: string }) {
  const { t } = useTranslation();
  const [days, setDays] = useState(30);
  const times = useAckTimes(agencyId, days);
  return (
    <section className="card" aria-labelledby="ack-times-title">
      <h2 id="ack-times-title">{t('oncall.ackTimes.title')}</h2>
      <p className="muted">{t('oncall.ackTimes.explain')}</p>
      <div className="field">
        <label htmlFor="ack-times-days">{t('oncall.ackTimes.period')}</label>
        <select id="ack-times-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {PERIODS.map((d) => (
            <option key={d} value={d}>
              {t('oncall.ackTimes.days', { count: d })}
            </option>
          ))}
        </select>
      </div>
      {times.isPending && <p className="muted">{t('common.loading')}</p>}
      {times.isError && <Notice tone="error">{t('errors.loadFailed')}</Notice>}
      {times.data && times.data.items.length === 0 && <p>{t('oncall.ackTimes.none')}</p>}
      {times.data && times.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table table--stack">
            <caption className="visually-hidden">{t('oncall.ackTimes.caption', { count: days })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('oncall.ackTimes.hour')}</th>
                <th scope="col">{t('oncall.ackTimes.pages')}</th>
                <th scope="col">{t('oncall.ackTimes.acknowledged')}</th>
                <th scope="col">{t('oncall.ackTimes.median')}</th>
                <th scope="col">{t('oncall.ackTimes.longest')}</th>
              </tr>
            </thead>
            <tbody>
              {times.data.items.map((r) => (
                <tr key={r.hour}>
                  <td data-label={t('oncall.ackTimes.hour')}>
                    <span>{`${String(r.hour).padStart(2, '0')}:00–${String(r.hour).padStart(2, '0')}:59`}</span>
                  </td>
                  <td data-label={t('oncall.ackTimes.pages')}>
                    <span>{r.pages}</span>
                  </td>
                  <td data-label={t('oncall.ackTimes.acknowledged')}>
                    <span>{r.acknowledged}</span>
                  </td>
                  <td data-label={t('oncall.ackTimes.median')}>
                    <span>{r.acknowledged > 0 ? t('oncall.ackTimes.minutes', { count: minutes(r.median_seconds) }) : '—'}</span>
                  </td>
                  <td data-label={t('oncall.ackTimes.longest')}>
                    <span>{r.acknowledged > 0 ? t('oncall.ackTimes.minutes', { count: minutes(r.max_seconds) }) : '—'}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
