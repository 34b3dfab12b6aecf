import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/api/me';
import { CASE_ROLES, hasAnyRole, INTAKE_ROLES, REVIEW_ROLES } from '@/lib/roles';
import { REFERRAL_KINDS, type PagedAlert } from './types';

/** Where an alert leads: the referral, the chat, the case, or the emergency-access review, or the intake queue. */
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
      {alert.case_id && canOpenCase && alert.kind !== 'mention' && <Link to={`/cases/${alert.case_id}`}>{t('alerts.openCase')}</Link>}
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
