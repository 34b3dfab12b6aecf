import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/api/me';
import { CASE_ROLES, hasAnyRole, INTAKE_ROLES, REVIEW_ROLES } from '@/lib/roles';
import { REFERRAL_KINDS, type PagedAlert } from './types';

const MEETING_KINDS = ['meeting_not_planned', 'meeting_preparation'];
const MEASURE_KINDS = ['measure_deadline', 'measure_expired', 'measure_breached'];

/**
 * Where an alert leads: the referral, the chat, the case (an urgent measure: the case's
 * domestic-violence tab), a meeting, an opinion request, a report of violence, the
 * emergency-access review, or the intake queue.
 */
export function AlertLinks({ alert }: { alert: PagedAlert }) {
  const { t } = useTranslation();
  const me = useMe().data;
  // Auditors are told of emergency access but read no case content: they get the review link.
  const canOpenCase = hasAnyRole(me?.roles, CASE_ROLES);
  const canReview = hasAnyRole(me?.roles, REVIEW_ROLES) && alert.kind === 'emergency_access';
  return (
    <p className="alert-item__links">
      {alert.referral_id && canOpenCase && REFERRAL_KINDS.includes(alert.kind) && <Link to={`/referrals/${alert.referral_id}`}>{t('alerts.openReferral')}</Link>}
      {alert.case_id && canOpenCase && alert.kind === 'mention' && <Link to={`/cases/${alert.case_id}/chat`}>{t('alerts.openChat')}</Link>}
      {alert.case_id && canOpenCase && MEASURE_KINDS.includes(alert.kind) && <Link to={`/cases/${alert.case_id}/dv`}>{t('alerts.openMeasure')}</Link>}
      {alert.case_id && canOpenCase && alert.kind !== 'mention' && !MEASURE_KINDS.includes(alert.kind) && <Link to={`/cases/${alert.case_id}`}>{t('alerts.openCase')}</Link>}
      {alert.meeting_id && MEETING_KINDS.includes(alert.kind) && <Link to={`/meetings/${alert.meeting_id}`}>{t('alerts.openMeeting')}</Link>}
      {alert.opinion_id && canOpenCase && <Link to={`/opinion-requests/${alert.opinion_id}`}>{t('alerts.openOpinion')}</Link>}
      {alert.report_id && canOpenCase && <Link to={`/violence-reports/${alert.report_id}`}>{t('alerts.openReport')}</Link>}
      {alert.kind === 'risk_assessment' && canOpenCase && <Link to="/risk-assessments">{t('alerts.openAssessments')}</Link>}
      {canReview && <Link to="/emergency-access">{t('alerts.review')}</Link>}
      {alert.kind === 'intake' && hasAnyRole(me?.roles, INTAKE_ROLES) && <Link to="/intake">{t('alerts.openIntake')}</Link>}
    </p>
  );
}

/** "⚠ Urgent" in the urgency colour while open; a plain mark once acknowledged. */
export function UrgentTag({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`tag ${open ? 'tag--urgent' : 'tag--neutral'}`}>
      <span aria-hidden="true">⚠ </span>
      {t('alerts.urgent')}
    </span>
  );
}

/** The way to the intake queue for those who take events in; nothing for the rest. */
export function IntakeQueueLink() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!hasAnyRole(me?.roles, INTAKE_ROLES)) return null;
  return (
    <p>
      <Link to="/intake">{t('alerts.intakeQueue')}</Link>
    </p>
  );
}
