import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { useIncomingAssessments } from './api/incomingAssessments';
import { AssessmentItem } from './RiskSection';

/**
 * The police's risk assessments sent to the user's agency (a prosecutor's office or a Center for
 * Social Work): the agency reads what was sent to it even when it is not on the case.
 */
export function IncomingAssessmentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('protection.incomingRisk.title'));
  const items = useIncomingAssessments();
  return (
    <>
      <h1>{t('protection.incomingRisk.title')}</h1>
      <p className="lead">{t('protection.incomingRisk.intro')}</p>
      {items.isPending && <SkeletonList rows={3} />}
      {items.isError && <Notice tone="error">{t('errors.loadFailed')}</Notice>}
      {items.data && items.data.items.length === 0 && <p className="muted">{t('protection.incomingRisk.none')}</p>}
      {items.data && items.data.items.length > 0 && (
        <ul className="plain-list dv-list" aria-label={t('protection.incomingRisk.title')}>
          {items.data.items.map((a) => (
            <AssessmentItem key={a.id} assessment={a} />
          ))}
        </ul>
      )}
    </>
  );
}
