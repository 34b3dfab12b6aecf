import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useCaseReferrals } from './api/caseReferrals';
import { RespondBy, StatusTag, UrgencyTag } from './bits';

/**
 * The case overview's referrals: "Refer to another agency" and the case's referrals. The app
 * puts it into the case overview, since features do not import each other. `canRefer` is false
 * under emergency access (read only).
 */
export function CaseReferrals({ caseId, canRefer }: { caseId: string; canRefer: boolean }) {
  const { t } = useTranslation();
  const referrals = useCaseReferrals(caseId);
  const items = referrals.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="case-referrals">
      <div className="page-head">
        <h2 id="case-referrals">{t('referrals.caseTitle')}</h2>
        {canRefer && (
          <Link to={`/cases/${caseId}/refer`} className="button button--secondary">
            {t('referrals.form.action')}
          </Link>
        )}
      </div>
      {referrals.isPending ? (
        <SkeletonList rows={1} />
      ) : referrals.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{t('referrals.noneInCase')}</p>
      ) : (
        <ul className="row-list" aria-labelledby="case-referrals">
          {items.map((r) => (
            <li key={r.id} className="row-list__item referral-row">
              <Link to={`/referrals/${r.id}`} className="row-list__link">
                <span className="row-list__title">{t('referrals.fromTo', { from: r.from_agency_name, to: r.to_agency_name })}</span>
                <span className="referral-row__reason">{r.reason}</span>
                <span className="referral-row__tags">
                  <StatusTag status={r.status} />
                  <UrgencyTag urgency={r.urgency} />
                  <RespondBy referral={r} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
