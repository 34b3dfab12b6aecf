import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '@/api/me';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { isApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { problemToErrors } from '@/lib/formErrors';
import { useAcknowledgeViolenceReport } from './api/acknowledgeViolenceReport';
import { useViolenceReport } from './api/violenceReport';
import { AckTag } from './ReportSection';

/** One report of domestic violence: who reported, to whom, when, what; acknowledged by the receiving agency. */
export function ViolenceReportPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const report = useViolenceReport(id);
  const ack = useAcknowledgeViolenceReport();
  const announce = useAnnounce();
  const [error, setError] = useState('');
  useDocumentTitle(t('protection.reportPage.documentTitle'));

  if (report.isPending) return <SkeletonList rows={3} />;
  if (report.isError) {
    if (isApiError(report.error) && (report.error.status === 404 || report.error.status === 403)) {
      return (
        <div className="narrow">
          <h1>{t('protection.reportPage.notFoundTitle')}</h1>
          <p>{t('protection.reportPage.notFoundBody')}</p>
          <p>
            <Link to="/violence-reports">← {t('protection.inbox.title')}</Link>
          </p>
        </div>
      );
    }
    return <Notice tone="error">{t('errors.loadFailed')}</Notice>;
  }
  const r = report.data;
  const ours = !!me && String(me.agency_id) === String(r.to_agency_id);
  const acknowledge = () => {
    setError('');
    ack.mutate(r.id, {
      onSuccess: () => announce(t('protection.inbox.acknowledgedNow')),
      onError: (e) => setError(problemToErrors(e, t, {}, { conflict: t('protection.inbox.already'), not_found: t('protection.inbox.gone') }).summary[0]?.message ?? t('errors.internal')),
    });
  };
  return (
    <div className="dv-narrow">
      <p className="back-link">
        <Link to={ours ? '/violence-reports' : `/cases/${r.case_id}/dv`}>← {ours ? t('protection.inbox.title') : t('protection.reportPage.backToCase')}</Link>
      </p>
      <p className="eyebrow">{t('protection.reportPage.eyebrow')}</p>
      <h1>{t('protection.inbox.from', { name: r.reporter_name, agency: r.reporter_agency_name })}</h1>
      <p className="dv-item__head">
        <AckTag report={r} />
      </p>
      <section className="card" aria-labelledby="report-facts">
        <h2 id="report-facts">{t('protection.reportPage.about')}</h2>
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>{t('protection.reportPage.to')}</dt>
            <dd>{r.to_agency_name}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('protection.reportPage.sent')}</dt>
            <dd>{formatDateTime(r.sent_at, i18n.language)}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('protection.reportPage.acknowledged')}</dt>
            <dd>{r.acknowledged_at ? formatDateTime(r.acknowledged_at, i18n.language) : t('protection.report.notAcknowledged')}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('protection.reportPage.what')}</dt>
            <dd className="prewrap">{r.body}</dd>
          </div>
        </dl>
        <p>
          <Link to={`/cases/${r.case_id}/dv`}>{t('protection.reportPage.openCase')}</Link>
        </p>
      </section>
      {ours && !r.acknowledged_at && (
        <div className="dv-ack">
          <button type="button" className="button button--primary button--large" onClick={acknowledge} disabled={ack.isPending}>
            {ack.isPending ? t('common.working') : t('protection.inbox.acknowledge')}
          </button>
          <p className="field__hint">{t('protection.inbox.acknowledgeHint')}</p>
          {error && (
            <p className="field__error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
