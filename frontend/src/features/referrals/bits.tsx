import { useTranslation } from 'react-i18next';
import { formatDateTime, lateness } from '@/lib/format';
import type { Referral, ReferralStatus, Urgency } from './types';

const DAY = 86_400_000;

/** Hours left before a deadline, at least 1 (for "answer within 5 hours"). */
function hoursLeft(iso: string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(iso).getTime() - now.getTime()) / 3_600_000));
}

/** The status in words, with an icon for the closing ones. */
export function StatusTag({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return <span className={`tag tag--neutral referral-status referral-status--${status}`}>{t(`referrals.status.${status}`)}</span>;
}

/** "Immediate · answer within 24 hours": the urgency always with its response time. */
export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  return (
    <span className="tag tag--neutral">
      {t(`referrals.urgency.${urgency}`)}
      <span className="tag__detail"> · {t(`referrals.urgencyTime.${urgency}`)}</span>
    </span>
  );
}

/**
 * The answer's deadline while the referral waits for one: overdue, or due within a day, in the
 * one urgency colour with an icon and words ("kasni 2 dana"); otherwise calm text.
 */
export function RespondBy({ referral, now = new Date() }: { referral: Pick<Referral, 'status' | 'respond_by' | 'overdue'>; now?: Date }) {
  const { t, i18n } = useTranslation();
  if (referral.status !== 'requested') return null;
  const when = formatDateTime(referral.respond_by, i18n.language, now);
  if (referral.overdue) {
    const late = lateness(referral.respond_by, now);
    return (
      <span className="tag tag--urgent referral-due">
        <span aria-hidden="true">⚠ </span>
        {late.unit === 'days' ? t('referrals.lateDays', { count: late.count }) : t('referrals.lateHours', { count: late.count })}
        <span className="tag__detail"> · {t('referrals.wasDue', { when })}</span>
      </span>
    );
  }
  if (new Date(referral.respond_by).getTime() - now.getTime() < DAY) {
    return (
      <span className="tag tag--urgent referral-due">
        <span aria-hidden="true">⚠ </span>
        {t('referrals.leftHours', { count: hoursLeft(referral.respond_by, now) })}
        <span className="tag__detail"> · {when}</span>
      </span>
    );
  }
  return <span className="referral-due">{t('referrals.answerBy', { when })}</span>;
}
