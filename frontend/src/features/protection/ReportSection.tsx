import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { formatDateTime } from '@/lib/format';
import { useCaseViolenceReports } from './api/caseViolenceReports';
import { ReportForm } from './ReportForm';
import type { ViolenceReport } from './types';

/** "✓ Acknowledged" or "⚠ Not acknowledged yet": words and an icon, not colour alone. */
export function AckTag({ report }: { report: ViolenceReport }) {
  const { t } = useTranslation();
  return report.acknowledged_at ? (
    <span className="tag tag--ok">
      <span aria-hidden="true">✓ </span>
      {t('protection.report.acknowledged')}
    </span>
  ) : (
    <span className="tag tag--urgent">
      <span aria-hidden="true">⚠ </span>
      {t('protection.report.notAcknowledged')}
    </span>
  );
}

/** Section c: the duty to report; the reports made from this case and whether they were taken in. */
export function ReportSection({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const reports = useCaseViolenceReports(caseId);
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<ViolenceReport | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const items = reports.data?.items ?? [];
  const refocus = () => window.setTimeout(() => openButton.current?.focus(), 0);
  return (
    <section className="dv-section" id="dv-report" aria-labelledby="dv-report-title">
      <h2 id="dv-report-title">{t('protection.report.title')}</h2>
      <p className="muted">{t('protection.report.intro')}</p>
      {sent && !open && (
        <Notice tone="success" title={t('protection.report.sentTitle', { agency: sent.to_agency_name })}>
          <p>{t('protection.report.sentBody', { when: formatDateTime(sent.sent_at, i18n.language) })}</p>
        </Notice>
      )}
      {canWrite && !open && (
        <p>
          <button
            type="button"
            ref={openButton}
            className="button button--primary button--large"
            onClick={() => {
              setSent(null);
              setOpen(true);
            }}
          >
            {t('protection.report.open')}
          </button>
        </p>
      )}
      {open && (
        <div className="card">
          <ReportForm
            caseId={caseId}
            onSent={(r) => {
              setSent(r);
              setOpen(false);
              refocus();
            }}
            onCancel={() => {
              setOpen(false);
              refocus();
            }}
          />
        </div>
      )}
      <h3 id="dv-report-list">{t('protection.report.madeTitle')}</h3>
      {reports.isPending ? (
        <SkeletonList rows={1} />
      ) : reports.isError && !reports.data ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{t('protection.report.none')}</p>
      ) : (
        <ul className="row-list" aria-labelledby="dv-report-list">
          {items.map((r) => (
            <li key={r.id} className="row-list__item row-list__item--wrap dv-report-row">
              <Link to={`/violence-reports/${r.id}`} className="row-list__link">
                <span className="row-list__title">{t('protection.report.toAgency', { agency: r.to_agency_name })}</span>
                <span className="row-list__meta">
                  {t('protection.report.sentBy', { name: r.reporter_name, agency: r.reporter_agency_name, when: formatDateTime(r.sent_at, i18n.language) })}
                </span>
                <span className="dv-report-row__tags">
                  <AckTag report={r} />
                  {r.acknowledged_at && <span className="row-list__meta"> {t('protection.report.acknowledgedAt', { when: formatDateTime(r.acknowledged_at, i18n.language) })}</span>}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
