import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '@/api/me';
import { SelectField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { ShowMore } from '@/components/ShowMore';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { formatDate } from '@/lib/format';
import { BREAK_GLASS_ROLES, hasAnyRole } from '@/lib/roles';
import { CASE_CATEGORIES, CASE_STATUSES, RISK_LEVELS } from '@/lib/types';
import { useCases, type CaseFilters } from './api/cases';
import { useLookup } from './api/lookup';
import { RiskTag } from './badges';

const FILTERS = ['category', 'status', 'risk', 'q'] as const;

export function CasesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const scope = params.get('scope') === 'team' ? 'team' : 'mine';
  const filters: CaseFilters = { scope };
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) filters[f] = v;
  }
  useDocumentTitle(t('nav.cases'));

  const setScope = (s: 'mine' | 'team') => {
    const p = new URLSearchParams(params);
    if (s === 'team') p.set('scope', 'team');
    else p.delete('scope');
    return `?${p.toString()}`;
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('cases.title')}</h1>
        <Link className="button button--primary" to="/cases/new">
          {t('cases.newCase')}
        </Link>
      </div>
      <nav className="tabs" aria-label={t('cases.scopeLabel')}>
        <ul>
          {(['mine', 'team'] as const).map((s) => (
            <li key={s}>
              <Link to={setScope(s)} className={`tabs__link${scope === s ? ' tabs__link--active' : ''}`} aria-current={scope === s ? 'page' : undefined}>
                {t(`cases.scope.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <FilterForm
        key={params.toString()}
        initial={filters}
        onApply={(next) => {
          const p = new URLSearchParams();
          if (scope === 'team') p.set('scope', 'team');
          for (const f of FILTERS) if (next[f]) p.set(f, next[f]!);
          setParams(p);
        }}
      />
      <CaseList filters={filters} />
      {me && hasAnyRole(me.roles, BREAK_GLASS_ROLES) && <Lookup />}
    </>
  );
}

function FilterForm({ initial, onApply }: { initial: CaseFilters; onApply: (f: CaseFilters) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<CaseFilters>(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...values, q: values.q?.trim() });
  };
  const any = FILTERS.some((f) => initial[f]);
  return (
    <form className="card filters" onSubmit={submit} role="search" aria-labelledby="case-filter-title">
      <h2 id="case-filter-title" className="visually-hidden">
        {t('cases.filterTitle')}
      </h2>
      <label htmlFor="case-search" className="field__label">
        {t('cases.searchLabel')}
      </label>
      <div className="search__row">
        <input id="case-search" className="input" type="search" value={values.q ?? ''} onChange={(e) => setValues({ ...values, q: e.target.value })} autoComplete="off" spellCheck={false} />
        <button type="submit" className="button button--secondary">
          {t('common.search')}
        </button>
      </div>
      <details className="details" open={!!(initial.category || initial.status || initial.risk)}>
        <summary>{t('cases.moreFilters')}</summary>
        <div className="filters__fields">
          <SelectField id="filter-category" label={t('cases.category')} value={values.category ?? ''} onChange={(e) => setValues({ ...values, category: e.target.value })}>
            <option value="">{t('cases.any')}</option>
            {CASE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="filter-status" label={t('cases.status')} value={values.status ?? ''} onChange={(e) => setValues({ ...values, status: e.target.value })}>
            <option value="">{t('cases.any')}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`caseStatus.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="filter-risk" label={t('cases.risk')} value={values.risk ?? ''} onChange={(e) => setValues({ ...values, risk: e.target.value })}>
            <option value="">{t('cases.any')}</option>
            {RISK_LEVELS.map((r) => (
              <option key={r} value={r}>
                {t(`risk.${r}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <button type="submit" className="button button--secondary">
          {t('cases.applyFilters')}
        </button>
      </details>
      {any && (
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={() => onApply({ scope: initial.scope })}>
            {t('cases.clearFilters')}
          </button>
        </div>
      )}
    </form>
  );
}

function CaseList({ filters }: { filters: CaseFilters }) {
  const { t, i18n } = useTranslation();
  const cases = useCases(filters);
  const listRef = useRef<HTMLUListElement>(null);
  const items = cases.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!(filters.q || filters.category || filters.status || filters.risk);
  return (
    <section aria-labelledby="case-list-title">
      <h2 id="case-list-title" className="visually-hidden">
        {t(`cases.scope.${filters.scope}`)}
      </h2>
      {cases.isPending ? (
        <SkeletonList rows={5} />
      ) : cases.isError && !cases.data ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <Notice title={filtered ? t('cases.noneMatch') : t('cases.none')}>
          <p>{filtered ? t('cases.noneMatchHelp') : filters.scope === 'mine' ? t('cases.noneHelpMine') : t('cases.noneHelpTeam')}</p>
        </Notice>
      ) : (
        <>
          <ul className="row-list case-list" aria-labelledby="case-list-title" ref={listRef}>
            {items.map((c) => (
              <li key={c.id} className="row-list__item">
                <Link to={`/cases/${c.id}`} className="row-list__link case-row">
                  <span className="row-list__title">
                    {c.title}
                    {!!c.unread && (
                      <span className="badge badge--unread">
                        <span aria-hidden="true">{c.unread}</span>
                        <span className="visually-hidden"> — {t('chat.unread', { count: c.unread })}</span>
                      </span>
                    )}
                  </span>
                  <span className="case-row__person">
                    {c.subject_name}
                    {c.subject_jmbg_masked && (
                      <span className="muted">
                        {' · '}
                        {t('cases.jmbgShort')} <span className="jmbg">{c.subject_jmbg_masked}</span>
                      </span>
                    )}
                  </span>
                  <span className="case-row__tags">
                    <RiskTag level={c.risk_level} />
                    <span className="tag tag--neutral">{t(`caseStatus.${c.status}`)}</span>
                    <span className="tag tag--neutral">{t(`category.${c.category}`)}</span>
                  </span>
                  <span className="row-list__meta">{t('cases.createdOn', { date: formatDate(c.created_at, i18n.language) })}</span>
                </Link>
              </li>
            ))}
          </ul>
          <ShowMore query={cases} listRef={listRef} shown={items.length} />
        </>
      )}
    </section>
  );
}

/** Break the glass: find a person whose case is in another team, and ask for access. */
function Lookup() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const hits = useLookup(q);
  return (
    <section className="card" aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t('lookup.title')}</h2>
      <p>{t('lookup.intro')}</p>
      <form
        role="search"
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <label htmlFor="lookup-search" className="field__label">
          {t('lookup.label')}
        </label>
        <p className="field__hint" id="lookup-search-hint">
          {t('lookup.hint')}
        </p>
        <div className="search__row">
          <input id="lookup-search" className="input" type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby="lookup-search-hint" autoComplete="off" spellCheck={false} />
          <button type="submit" className="button button--secondary">
            {t('common.search')}
          </button>
        </div>
      </form>
      {q &&
        (hits.isPending ? (
          <SkeletonList rows={2} />
        ) : hits.isError ? (
          <Notice tone="error">{t('errors.loadFailed')}</Notice>
        ) : hits.data.items.length === 0 ? (
          <p className="muted" role="status">
            {t('lookup.none', { q })}
          </p>
        ) : (
          <ul className="row-list" aria-label={t('lookup.results')}>
            {hits.data.items.map((h) => (
              <li key={h.case_id} className="row-list__item row-list__item--wrap">
                <div className="row-list__text">
                  <span className="row-list__title">{t('lookup.hitTeam', { team: h.team_name })}</span>
                  <span className="row-list__meta">{t('lookup.hitAgency', { agency: h.lead_agency_name })}</span>
                </div>
                <Link className="button button--secondary button--small" to={`/cases/${h.case_id}/emergency-access`}>
                  {t('lookup.request')}
                  <span className="visually-hidden"> — {h.team_name}</span>
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
