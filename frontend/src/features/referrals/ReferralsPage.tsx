import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { ShowMore } from '@/components/ShowMore';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { formatDateTime } from '@/lib/format';
import { useReferrals, type Direction } from './api/referrals';
import { RespondBy, StatusTag, UrgencyTag } from './bits';
import { REFERRAL_STATUSES, type Referral, type ReferralStatus } from './types';

function asStatus(v: string | null): ReferralStatus | '' {
  return (REFERRAL_STATUSES as readonly string[]).includes(v ?? '') ? (v as ReferralStatus) : '';
}

/** The agency's referrals: incoming (asked of us) and outgoing (asked by us), a page at a time. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const direction: Direction = params.get('direction') === 'outgoing' ? 'outgoing' : 'incoming';
  const status = asStatus(params.get('status'));
  useDocumentTitle(t('referrals.title'));

  const tabHref = (d: Direction) => {
    const p = new URLSearchParams(params);
    if (d === 'outgoing') p.set('direction', 'outgoing');
    else p.delete('direction');
    return `?${p.toString()}`;
  };

  return (
    <>
      <h1>{t('referrals.title')}</h1>
      <p className="lead">{t('referrals.intro')}</p>
      <nav className="tabs" aria-label={t('referrals.tabsLabel')}>
        <ul>
          {(['incoming', 'outgoing'] as const).map((d) => (
            <li key={d}>
              <Link to={tabHref(d)} className={`tabs__link${direction === d ? ' tabs__link--active' : ''}`} aria-current={direction === d ? 'page' : undefined}>
                {t(`referrals.direction.${d}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <StatusFilter
        key={status}
        initial={status}
        onApply={(s) => {
          const p = new URLSearchParams(params);
          if (s) p.set('status', s);
          else p.delete('status');
          setParams(p);
        }}
      />
      <ReferralList direction={direction} status={status} />
    </>
  );
}

/** A select and a button: the list changes only when asked (no change of context on input). */
function StatusFilter({ initial, onApply }: { initial: ReferralStatus | ''; onApply: (s: ReferralStatus | '') => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<ReferralStatus | ''>(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(value);
  };
  return (
    <form className="referral-filter" onSubmit={submit} aria-label={t('referrals.filterTitle')}>
      <SelectField id="referral-status" label={t('referrals.statusFilter')} value={value} onChange={(e) => setValue(asStatus(e.target.value))}>
        <option value="">{t('referrals.anyStatus')}</option>
        {REFERRAL_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`referrals.status.${s}`)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button--secondary">
        {t('referrals.applyFilter')}
      </button>
    </form>
  );
}

function ReferralList({ direction, status }: { direction: Direction; status: ReferralStatus | '' }) {
  const { t } = useTranslation();
  const referrals = useReferrals(direction, status);
  const listRef = useRef<HTMLUListElement>(null);
  const items = referrals.data?.pages.flatMap((p) => p.items) ?? [];
  const overdue = items.filter((r) => r.overdue).length;
  const heading = t(`referrals.direction.${direction}`);
  return (
    <section aria-labelledby="referral-list-title">
      <h2 id="referral-list-title" className="visually-hidden">
        {heading}
      </h2>
      {referrals.isPending ? (
        <SkeletonList rows={4} />
      ) : referrals.isError && !referrals.data ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{status ? t('referrals.noneWithStatus') : t(`referrals.none.${direction}`)}</p>
      ) : (
        <>
          {overdue > 0 && (
            <p className="urgent-note">
              <span aria-hidden="true">⚠ </span>
              {t('referrals.overdueCount', { count: overdue })}
            </p>
          )}
          <ul className="row-list" aria-label={heading} ref={listRef}>
            {items.map((r) => (
              <ReferralRow key={r.id} referral={r} direction={direction} />
            ))}
          </ul>
          <ShowMore query={referrals} listRef={listRef} shown={items.length} />
        </>
      )}
    </section>
  );
}

function ReferralRow({ referral: r, direction }: { referral: Referral; direction: Direction }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={`row-list__item referral-row${r.overdue ? ' referral-row--overdue' : ''}`}>
      <Link to={`/referrals/${r.id}`} className="row-list__link">
        <span className="row-list__title">{direction === 'incoming' ? t('referrals.from', { agency: r.from_agency_name }) : t('referrals.to', { agency: r.to_agency_name })}</span>
        <span className="row-list__meta referral-row__case">{r.case_title ?? (direction === 'incoming' && r.status === 'requested' ? t('referrals.caseHiddenShort') : t('referrals.caseNotYours'))}</span>
        <span className="referral-row__reason">{r.reason}</span>
        <span className="referral-row__tags">
          <StatusTag status={r.status} />
          <UrgencyTag urgency={r.urgency} />
          <RespondBy referral={r} />
        </span>
        <span className="row-list__meta">{t('referrals.sentBy', { name: r.requester_name, when: formatDateTime(r.created_at, i18n.language) })}</span>
      </Link>
    </li>
  );
}
