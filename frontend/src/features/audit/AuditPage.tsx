import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { formatDateTime } from '@/lib/format';
import { useAuditEvents, type AuditFilters } from './api/auditEvents';
import { useAuditVerify } from './api/auditVerify';

const FILTERS = ['actor_id', 'case_id', 'action'] as const;

export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = {};
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) filters[f] = v;
  }
  useDocumentTitle(t('nav.audit'));
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      <ChainHealthPanel />
      <FilterForm
        key={params.toString()}
        initial={filters}
        onApply={(next) => {
          const p = new URLSearchParams();
          for (const f of FILTERS) if (next[f]) p.set(f, next[f]!);
          setParams(p);
        }}
      />
      <EventTable filters={filters} />
    </>
  );
}

function ChainHealthPanel() {
  const { t } = useTranslation();
  const verify = useAuditVerify();
  return (
    <section className="card" aria-labelledby="audit-chain" aria-busy={verify.isFetching}>
      <h2 id="audit-chain">{t('audit.chainTitle')}</h2>
      {verify.isPending ? (
        <p className="muted">{t('audit.checking')}</p>
      ) : verify.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : verify.data.ok ? (
        <Notice tone="success" title={t('audit.chainOk')}>
          <p>{t('audit.chainChecked', { count: verify.data.checked, chains: verify.data.chains })}</p>
        </Notice>
      ) : (
        <Notice tone="error" title={t('audit.chainBroken')}>
          {verify.data.broken && (
            <p>
              {t('audit.brokenAt', { chain: verify.data.broken.chain_id, seq: verify.data.broken.seq, event: verify.data.broken.event_id })}{' '}
              {verify.data.broken.reason && t('audit.brokenReason', { reason: verify.data.broken.reason })}
            </p>
          )}
        </Notice>
      )}
      <button type="button" className="button button--secondary" onClick={() => verify.refetch()} disabled={verify.isFetching}>
        {verify.isFetching ? t('audit.checking') : t('audit.checkAgain')}
      </button>
    </section>
  );
}

function FilterForm({ initial, onApply }: { initial: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<AuditFilters>(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ actor_id: values.actor_id?.trim(), case_id: values.case_id?.trim(), action: values.action?.trim() });
  };
  const any = FILTERS.some((f) => initial[f]);
  return (
    <form className="card filters" onSubmit={submit} aria-labelledby="audit-filter-title" role="search">
      <h2 id="audit-filter-title">{t('audit.filterTitle')}</h2>
      <div className="filters__fields">
        <TextField id="filter-actor" label={t('audit.actor')} hint={t('audit.actorHint')} value={values.actor_id ?? ''} onChange={(e) => setValues({ ...values, actor_id: e.target.value })} autoComplete="off" spellCheck={false} />
        <TextField id="filter-case" label={t('audit.case')} hint={t('audit.caseHint')} value={values.case_id ?? ''} onChange={(e) => setValues({ ...values, case_id: e.target.value })} autoComplete="off" spellCheck={false} />
        <TextField id="filter-action" label={t('audit.action')} hint={t('audit.actionHint')} value={values.action ?? ''} onChange={(e) => setValues({ ...values, action: e.target.value })} autoComplete="off" spellCheck={false} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {t('audit.apply')}
        </button>
        {any && (
          <button type="button" className="button button--secondary" onClick={() => onApply({})}>
            {t('audit.clear')}
          </button>
        )}
      </div>
    </form>
  );
}

function EventTable({ filters }: { filters: AuditFilters }) {
  const { t, i18n } = useTranslation();
  const events = useAuditEvents(filters);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="audit-events">
      <h2 id="audit-events">{t('audit.eventsTitle')}</h2>
      {events.isPending ? (
        <SkeletonList rows={6} />
      ) : events.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{t('audit.none')}</p>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('audit.shown', { count: items.length })}
          </p>
          <div className="table-wrap">
            <table className="table table--stack">
              <caption className="visually-hidden">{t('audit.eventsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.resource')}</th>
                  <th scope="col">{t('audit.case')}</th>
                  <th scope="col">{t('audit.basis')}</th>
                  <th scope="col">{t('audit.place')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((ev) => (
                  <tr key={ev.id}>
                    <td data-label={t('audit.when')}>
                      <span>
                        <time dateTime={ev.at}>{formatDateTime(ev.at, i18n.language)}</time>
                      </span>
                    </td>
                    <td data-label={t('audit.action')}>
                      <span>
                        <code>{ev.action}</code>
                      </span>
                    </td>
                    <td data-label={t('audit.actor')}>
                      <span>{ev.actor_id ? <FilterLink param="actor_id" value={ev.actor_id} label={t('audit.filterByActor')} /> : '—'}</span>
                    </td>
                    <td data-label={t('audit.resource')}>
                      <span>
                        {ev.resource_type}
                        {ev.resource_id ? (
                          <>
                            {' '}
                            <code className="id">{ev.resource_id}</code>
                          </>
                        ) : null}
                      </span>
                    </td>
                    <td data-label={t('audit.case')}>
                      <span>{ev.case_id ? <FilterLink param="case_id" value={ev.case_id} label={t('audit.filterByCase')} /> : '—'}</span>
                    </td>
                    <td data-label={t('audit.basis')}>
                      <span>{ev.basis ? t(`audit.bases.${ev.basis}`, { defaultValue: ev.basis }) : '—'}</span>
                    </td>
                    <td data-label={t('audit.place')} className="nowrap">
                      <span>{ev.client_ip || '—'}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {events.hasNextPage && (
            <div className="load-more">
              <button type="button" className="button button--secondary" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
                {events.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** An id in the table that, followed, shows only the events with that id. */
function FilterLink({ param, value, label }: { param: 'actor_id' | 'case_id'; value: string; label: string }) {
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  next.set(param, value);
  return (
    <Link to={`?${next.toString()}`} className="id-link">
      <code className="id">{value}</code>
      <span className="visually-hidden"> ({label})</span>
    </Link>
  );
}
