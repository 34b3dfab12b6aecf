import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextAreaField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { formatDateTime, formatTime } from '@/lib/format';
import { noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import type { EmergencyGrant } from '@/lib/types';
import { useGrants } from './api/grants';
import { useReviewGrant } from './api/reviewGrant';

/** Team leads and auditors look at every emergency access and say whether it was justified. */
export function EmergencyReviewPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const status = params.get('status') === 'reviewed' ? 'reviewed' : 'pending';
  const grants = useGrants(status);
  useDocumentTitle(t('review.title'));
  const items = grants.data?.items ?? [];
  return (
    <>
      <h1>{t('review.title')}</h1>
      <p className="lead">{t('review.intro')}</p>
      <nav className="tabs" aria-label={t('review.tabsLabel')}>
        <ul>
          {(['pending', 'reviewed'] as const).map((s) => (
            <li key={s}>
              <Link to={s === 'pending' ? '?' : '?status=reviewed'} className={`tabs__link${status === s ? ' tabs__link--active' : ''}`} aria-current={status === s ? 'page' : undefined}>
                {t(`review.tab.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {grants.isPending ? (
        <SkeletonList rows={3} />
      ) : grants.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{status === 'pending' ? t('review.nonePending') : t('review.noneReviewed')}</p>
      ) : (
        <ul className="grant-list">
          {items.map((g) => (
            <Grant key={g.id} grant={g} />
          ))}
        </ul>
      )}
    </>
  );
}

function Grant({ grant }: { grant: EmergencyGrant }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const review = useReviewGrant();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const noteId = `note-${grant.id}`;
  const decide = (outcome: 'justified' | 'unjustified') =>
    review.mutate(
      { id: String(grant.id), outcome, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => announce(t(`review.done.${outcome}`, { name: grant.user_name })),
        onError: (e) => setErrors(problemToErrors(e, t, { note: noteId }, { conflict: t('review.alreadyReviewed') })),
      },
    );
  return (
    <li className="card grant">
      <h2 className="grant__title">{t('review.grantTitle', { name: grant.user_name })}</h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('review.case')}</dt>
          <dd>{grant.case_title}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('review.reason')}</dt>
          <dd className="prewrap">{grant.reason}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('review.window')}</dt>
          <dd>{t('review.windowValue', { from: formatDateTime(grant.granted_at, i18n.language), to: formatTime(grant.expires_at, i18n.language) })}</dd>
        </div>
        {grant.review && (
          <div className="summary-list__row">
            <dt>{t('review.outcome')}</dt>
            <dd>
              <span className={`tag ${grant.review.outcome === 'justified' ? 'tag--ok' : 'tag--urgent'}`}>
                <span aria-hidden="true">{grant.review.outcome === 'justified' ? '✓ ' : '⚠ '}</span>
                {t(`review.outcomes.${grant.review.outcome}`)}
              </span>{' '}
              <span className="muted">{formatDateTime(grant.review.reviewed_at, i18n.language)}</span>
              {grant.review.note && <p className="prewrap">{grant.review.note}</p>}
            </dd>
          </div>
        )}
      </dl>
      {!grant.review && (
        <>
          <ErrorSummary items={errors.summary} />
          <TextAreaField id={noteId} label={t('review.note')} hint={t('review.noteHint')} rows={3} value={note} onChange={(e) => setNote(e.target.value)} error={errors.fields[noteId]} />
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={review.isPending} onClick={() => decide('justified')}>
              <span aria-hidden="true">✓ </span>
              {t('review.justified')}
              <span className="visually-hidden"> — {grant.user_name}</span>
            </button>
            <button type="button" className="button button--secondary" disabled={review.isPending} onClick={() => decide('unjustified')}>
              <span aria-hidden="true">⚠ </span>
              {t('review.unjustified')}
              <span className="visually-hidden"> — {grant.user_name}</span>
            </button>
          </div>
        </>
      )}
    </li>
  );
}
