import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/api/me';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { formatDateTime } from '@/lib/format';
import { problemToErrors } from '@/lib/formErrors';
import { useAcknowledgeViolenceReport } from './api/acknowledgeViolenceReport';
import { useCoordinationGroups } from './api/coordinationGroups';
import { useUnacknowledgedReports } from './api/unacknowledgedReports';
import { useViolenceReports } from './api/violenceReports';
import { AckTag } from './ReportSection';
import type { CoordinationGroup, ViolenceReport } from './types';

/**
 * Reports of domestic violence sent to the user's agency (police station, prosecutor's office),
 * the unacknowledged first, each acknowledged with one tap; for a coordination group's chair,
 * also the reports of the group's area that nobody has acknowledged.
 */
export function ViolenceReportsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const reports = useViolenceReports();
  const chair = !!me?.roles.includes('coordination_chair');
  const groups = useCoordinationGroups(chair);
  useDocumentTitle(t('protection.inbox.title'));
  const items = reports.data?.items ?? [];
  const open = items.filter((r) => !r.acknowledged_at).length;
  const chaired = (groups.data?.items ?? []).filter((g) => me && String(g.chair_id) === String(me.id));
  return (
    <>
      <h1>{t('protection.inbox.title')}</h1>
      <p className="lead">{t('protection.inbox.intro')}</p>
      <section aria-labelledby="inbox-title">
        <h2 id="inbox-title">{t('protection.inbox.toUs')}</h2>
        {reports.isPending ? (
          <SkeletonList rows={3} />
        ) : reports.isError && !reports.data ? (
          <Notice tone="error">{t('errors.loadFailed')}</Notice>
        ) : items.length === 0 ? (
          <p className="muted">{t('protection.inbox.none')}</p>
        ) : (
          <>
            {open > 0 && (
              <p className="urgent-note">
                <span aria-hidden="true">⚠ </span>
                {t('protection.inbox.openCount', { count: open })}
              </p>
            )}
            <ul className="plain-list dv-inbox" aria-labelledby="inbox-title">
              {items.map((r) => (
                <ReportItem key={r.id} report={r} canAcknowledge={!!me && String(me.agency_id) === String(r.to_agency_id)} />
              ))}
            </ul>
          </>
        )}
      </section>
      {chaired.map((g) => (
        <GroupUnacknowledged key={g.id} group={g} />
      ))}
    </>
  );
}

function ReportItem({ report: r, canAcknowledge }: { report: ViolenceReport; canAcknowledge: boolean }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const ack = useAcknowledgeViolenceReport();
  const [error, setError] = useState('');
  const titleId = `report-${r.id}-title`;
  const acknowledge = () => {
    setError('');
    ack.mutate(r.id, {
      onSuccess: () => announce(t('protection.inbox.acknowledgedNow')),
      onError: (e) => setError(problemToErrors(e, t, {}, { conflict: t('protection.inbox.already'), not_found: t('protection.inbox.gone') }).summary[0]?.message ?? t('errors.internal')),
    });
  };
  return (
    <li className={`card dv-report${r.acknowledged_at ? '' : ' dv-report--open'}`}>
      <p className="dv-item__head">
        <Link id={titleId} to={`/violence-reports/${r.id}`} className="dv-report__title">
          {t('protection.inbox.from', { name: r.reporter_name, agency: r.reporter_agency_name })}
        </Link>
        <AckTag report={r} />
      </p>
      <p className="muted">{t('protection.inbox.sentAt', { when: formatDateTime(r.sent_at, i18n.language) })}</p>
      <p className="prewrap dv-report__body">{r.body}</p>
      {r.acknowledged_at ? (
        <p className="muted">{t('protection.report.acknowledgedAt', { when: formatDateTime(r.acknowledged_at, i18n.language) })}</p>
      ) : (
        canAcknowledge && (
          <div className="dv-ack">
            <button type="button" className="button button--primary button--large" onClick={acknowledge} disabled={ack.isPending}>
              {ack.isPending ? t('common.working') : t('protection.inbox.acknowledge')}
              <span className="visually-hidden">: {t('protection.inbox.from', { name: r.reporter_name, agency: r.reporter_agency_name })}</span>
            </button>
            <p className="field__hint">{t('protection.inbox.acknowledgeHint')}</p>
            {error && (
              <p className="field__error" role="alert">
                <span aria-hidden="true">⚠ </span>
                {error}
              </p>
            )}
          </div>
        )
      )}
    </li>
  );
}

function GroupUnacknowledged({ group }: { group: CoordinationGroup }) {
  const { t, i18n } = useTranslation();
  const reports = useUnacknowledgedReports(group.id);
  const titleId = `group-${group.id}-unack`;
  const items = reports.data?.items ?? [];
  return (
    <section aria-labelledby={titleId} className="dv-section">
      <h2 id={titleId}>{t('protection.inbox.groupTitle', { group: group.name })}</h2>
      <p className="muted">{t('protection.inbox.groupIntro')}</p>
      {reports.isPending ? (
        <SkeletonList rows={2} />
      ) : reports.isError && !reports.data ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{t('protection.inbox.groupNone')}</p>
      ) : (
        <ul className="row-list">
          {items.map((r) => (
            <li key={r.id} className="row-list__item row-list__item--wrap">
              <Link to={`/violence-reports/${r.id}`} className="row-list__link">
                <span className="row-list__title">{t('protection.inbox.fromTo', { agency: r.reporter_agency_name, to: r.to_agency_name })}</span>
                <span className="row-list__meta">{t('protection.inbox.waitingSince', { when: formatDateTime(r.sent_at, i18n.language) })}</span>
                <span className="dv-report-row__tags">
                  <AckTag report={r} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
