import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { isApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { useReferral } from './api/referral';
import { RespondBy, StatusTag, UrgencyTag } from './bits';
import { ReferralActions } from './ReferralActions';
import type { Referral, ReferralEvent } from './types';

/** One referral: what is asked and why, where it stands, what the caller's side may do, its history. */
export function ReferralPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const referral = useReferral(id);
  // Never the case or an agency in the browser's title or history.
  useDocumentTitle(t('referrals.documentTitle'));

  if (referral.isPending) return <SkeletonList rows={4} />;
  if (referral.isError) {
    if (isApiError(referral.error) && (referral.error.status === 404 || referral.error.status === 403)) {
      return (
        <div className="narrow">
          <h1>{t('referrals.notFoundTitle')}</h1>
          <p>{t('referrals.notFoundBody')}</p>
          <p>
            <Link to="/referrals">← {t('referrals.backToList')}</Link>
          </p>
        </div>
      );
    }
    return <Notice tone="error">{t('errors.loadFailed')}</Notice>;
  }
  const r = referral.data;
  return (
    <>
      <p className="back-link">
        <Link to={r.side === 'requesting' ? '/referrals?direction=outgoing' : '/referrals'}>← {t('referrals.title')}</Link>
      </p>
      <p className="eyebrow">{t(`referrals.eyebrow.${r.side || 'member'}`)}</p>
      <h1>{r.side === 'receiving' ? t('referrals.headingFrom', { agency: r.from_agency_name }) : t('referrals.headingTo', { agency: r.to_agency_name })}</h1>
      <p className="referral-row__tags referral-head__tags">
        <StatusTag status={r.status} />
        <UrgencyTag urgency={r.urgency} />
        <RespondBy referral={r} />
      </p>
      <div className="referral-layout">
        <div>
          <ReferralActions key={r.id} referral={r} onReload={() => void referral.refetch()} />
          <ReferralFacts referral={r} />
        </div>
        <History events={r.events ?? []} />
      </div>
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ReferralFacts({ referral: r }: { referral: Referral }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="referral-facts">
      <h2 id="referral-facts">{t('referrals.about')}</h2>
      <dl className="summary-list">
        <Row label={t('referrals.case')}>
          {r.case_title ? (
            <Link to={`/cases/${r.case_id}`}>{r.case_title}</Link>
          ) : (
            <span className="muted">{r.side === 'receiving' && r.status === 'requested' ? t('referrals.caseHidden') : t('referrals.caseNotYours')}</span>
          )}
        </Row>
        <Row label={t('referrals.fromLabel')}>
          {r.from_agency_name}
          <span className="muted"> · {r.requester_name}</span>
        </Row>
        <Row label={t('referrals.toLabel')}>{r.to_agency_name}</Row>
        <Row label={t('referrals.urgencyLabel')}>
          {t(`referrals.urgency.${r.urgency}`)} <span className="muted">· {t(`referrals.urgencyTime.${r.urgency}`)}</span>
        </Row>
        <Row label={t('referrals.sent')}>{formatDateTime(r.created_at, i18n.language)}</Row>
        {r.status === 'requested' && <Row label={t('referrals.respondByLabel')}>{formatDateTime(r.respond_by, i18n.language)}</Row>}
        <Row label={t('referrals.reason')}>
          <span className="prewrap">{r.reason}</span>
        </Row>
        <Row label={t('referrals.summary')}>{r.summary ? <span className="prewrap">{r.summary}</span> : <span className="muted">{t('referrals.noSummary')}</span>}</Row>
      </dl>
    </section>
  );
}

/** The referral's steps, oldest first: who did what, when, and what they wrote. */
function History({ events }: { events: ReferralEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="referral-history">
      <h2 id="referral-history">{t('referrals.history')}</h2>
      {events.length === 0 ? (
        <p className="muted">{t('referrals.noHistory')}</p>
      ) : (
        <ol className="referral-history">
          {events.map((e) => (
            <li key={e.seq} className={`referral-history__item${e.action === 'breach' ? ' referral-history__item--breach' : ''}`}>
              <p className="referral-history__what">
                {e.action === 'breach' && <span aria-hidden="true">⚠ </span>}
                {t(`referrals.event.${KNOWN_EVENTS.includes(e.action) ? e.action : 'other'}`, { name: e.actor_name ?? t('referrals.someone') })}
              </p>
              <p className="referral-history__when muted">
                <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
              </p>
              {e.note && (
                <p className="referral-history__note">
                  <span className="visually-hidden">{e.action === 'reject' ? t('referrals.rejectReasonLabel') : t('referrals.noteLabel')}: </span>
                  <span className="prewrap">{e.note}</span>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const KNOWN_EVENTS = ['request', 'accept', 'reject', 'start', 'complete', 'cancel', 'breach'];
