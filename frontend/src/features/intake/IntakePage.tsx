import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/api/me';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { isApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { useIntake, useTakeIntake, type IntakeItem } from './api/intake';

const EVENT_TYPES = ['police_intervention', 'hospital_admission', 'hospital_discharge', 'residential_care_incident'];

type PartnerEvent = { occurred_at?: string; municipality?: string; note?: string; urgent_measure?: boolean };

/** The partner's event, as far as it reads; a body that does not parse shows nothing more. */
export function parseEvent(raw: string): PartnerEvent {
  try {
    const v: unknown = JSON.parse(raw);
    if (!v || typeof v !== 'object') return {};
    const o = v as Record<string, unknown>;
    return {
      occurred_at: typeof o.occurred_at === 'string' ? o.occurred_at : undefined,
      municipality: typeof o.municipality === 'string' ? o.municipality : undefined,
      note: typeof o.note === 'string' && o.note.trim() ? o.note : undefined,
      urgent_measure: o.urgent_measure === true,
    };
  } catch {
    return {};
  }
}

/** Events from the police, hospitals and residential care that matched no case: someone at the CSR takes each in. */
export function IntakePage() {
  const { t } = useTranslation();
  const intake = useIntake();
  useDocumentTitle(t('intake.title'));
  const items = intake.data?.items ?? [];
  const open = items.filter((i) => !i.taken_at);
  const taken = items.filter((i) => i.taken_at);
  return (
    <>
      <h1>{t('intake.title')}</h1>
      <p className="lead">{t('intake.intro')}</p>
      {intake.isPending ? (
        <SkeletonList rows={3} />
      ) : intake.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        <>
          <section aria-labelledby="intake-open">
            <h2 id="intake-open">{t('intake.open', { count: open.length })}</h2>
            {open.length === 0 ? (
              <Notice tone="success" title={t('intake.noneOpen')} />
            ) : (
              <ul className="intake-list">
                {open.map((i) => (
                  <Item key={i.id} item={i} />
                ))}
              </ul>
            )}
          </section>
          {taken.length > 0 && (
            <section aria-labelledby="intake-taken">
              <h2 id="intake-taken">{t('intake.takenTitle')}</h2>
              <ul className="intake-list">
                {taken.map((i) => (
                  <Item key={i.id} item={i} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}

function Item({ item }: { item: IntakeItem }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const announce = useAnnounce();
  const take = useTakeIntake();
  const [error, setError] = useState<string | null>(null);
  const ev = parseEvent(item.event);
  const type = EVENT_TYPES.includes(item.event_type) ? item.event_type : 'unknown';
  const titleId = `intake-${item.id}`;
  const doTake = () => {
    setError(null);
    take.mutate(item.id, {
      onSuccess: () => announce(t('intake.takenDone', { name: item.person_name })),
      onError: (e) => {
        const message = isApiError(e) && e.status === 409 ? t('intake.alreadyTaken') : isApiError(e) && e.status === 404 ? t('intake.notFound') : t('intake.takeFailed');
        setError(message);
        // After a 409 the refreshed list moves the item to "taken", and this message with it: say it aloud too.
        if (isApiError(e) && e.status === 409) announce(message);
      },
    });
  };
  return (
    <li className={`card intake-item${item.taken_at ? '' : ' intake-item--open'}`} aria-labelledby={titleId}>
      <h3 id={titleId} className="intake-item__title">
        {t(`intake.types.${type}`)}: {item.person_name || t('intake.noName')}
      </h3>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('intake.received')}</dt>
          <dd>{formatDateTime(item.created_at, i18n.language)}</dd>
        </div>
        {ev.occurred_at && (
          <div className="summary-list__row">
            <dt>{t('intake.occurred')}</dt>
            <dd>{formatDateTime(ev.occurred_at, i18n.language)}</dd>
          </div>
        )}
        {ev.municipality && (
          <div className="summary-list__row">
            <dt>{t('intake.municipality')}</dt>
            <dd>{ev.municipality}</dd>
          </div>
        )}
        {ev.urgent_measure && (
          <div className="summary-list__row">
            <dt>{t('intake.urgentMeasure')}</dt>
            <dd>{t('intake.yes')}</dd>
          </div>
        )}
        {ev.note && (
          <div className="summary-list__row">
            <dt>{t('intake.note')}</dt>
            <dd className="intake-item__note">{ev.note}</dd>
          </div>
        )}
      </dl>
      {item.taken_at ? (
        <p className="muted">
          {item.taken_by && me && item.taken_by === me.id
            ? t('intake.takenByYou', { when: formatDateTime(item.taken_at, i18n.language) })
            : t('intake.takenByColleague', { when: formatDateTime(item.taken_at, i18n.language) })}
        </p>
      ) : (
        <button type="button" className="button button--primary button--large" onClick={doTake} disabled={take.isPending} aria-describedby={error ? `${titleId}-error` : undefined}>
          {take.isPending ? t('common.saving') : t('intake.take')}
        </button>
      )}
      {error && (
        <p id={`${titleId}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
