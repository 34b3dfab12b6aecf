import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { formatDate } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { statisticsCsvUrl, useStatistics, type Period } from './api/statistics';
import { belgradeToday } from './time';
import { STATISTICS_COUNTS, type CoordinationGroup } from './types';

/** The group's national counters for a period, on screen and as a CSV file. */
export function GroupStatistics({ group }: { group: CoordinationGroup }) {
  const { t, i18n } = useTranslation();
  const today = belgradeToday();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState<Period | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const stats = useStatistics(group.id, period);
  const ids = { from: `stats-from-${group.id}`, to: `stats-to-${group.id}` };
  const serverErrors = stats.isError ? problemToErrors(stats.error, t, { from: ids.from, to: ids.to }, {}, { [ids.from]: t('meetings.stats.fromInvalid'), [ids.to]: t('meetings.stats.toInvalid') }) : noErrors;
  const shown = errors.summary.length > 0 ? errors : serverErrors;

  function submit(e: FormEvent) {
    e.preventDefault();
    const f: FieldErrors = {};
    if (!from) f[ids.from] = t('meetings.stats.fromRequired');
    if (!to) f[ids.to] = t('meetings.stats.toRequired');
    else if (from && to < from) f[ids.to] = t('meetings.stats.toBeforeFrom');
    setErrors(fromFieldErrors(f));
    if (Object.keys(f).length === 0) setPeriod({ from, to });
  }

  return (
    <section className="card meeting-stats" aria-labelledby={`stats-title-${group.id}`}>
      <h3 id={`stats-title-${group.id}`}>{t('meetings.stats.title')}</h3>
      <p className="muted">{t('meetings.stats.intro')}</p>
      <ErrorSummary items={shown.summary} />
      <form onSubmit={submit} noValidate className="form meeting-stats__form">
        <div className="meeting-when">
          <TextField id={ids.from} type="date" label={t('meetings.stats.from')} value={from} onChange={(e) => setFrom(e.target.value)} error={shown.fields[ids.from]} />
          <TextField id={ids.to} type="date" label={t('meetings.stats.to')} value={to} onChange={(e) => setTo(e.target.value)} error={shown.fields[ids.to]} />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={stats.isFetching}>
            {stats.isFetching ? t('common.loading') : t('meetings.stats.show')}
          </button>
        </div>
      </form>
      {period && stats.data && (
        <div aria-live="polite">
          <p>
            <strong>{t('meetings.stats.period', { from: formatDate(stats.data.from, i18n.language), to: formatDate(stats.data.to, i18n.language) })}</strong>
          </p>
          <dl className="summary-list">
            {STATISTICS_COUNTS.map((k) => (
              <div className="summary-list__row" key={k}>
                <dt>{t(`meetings.stats.counts.${k}`)}</dt>
                <dd>{stats.data[k]}</dd>
              </div>
            ))}
          </dl>
          <p>
            <a className="button button--secondary" href={statisticsCsvUrl(group.id, period)} download>
              {t('meetings.stats.csv')}
            </a>
          </p>
        </div>
      )}
      {period && stats.isError && shown.summary.length === 0 && <Notice tone="error">{t('errors.loadFailed')}</Notice>}
    </section>
  );
}
