import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMe } from '@/api/me';
import { useTeams } from '@/api/teams';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import type { Case } from '@/lib/types';
import { useCasePeople } from './api/casePeople';
import { useDvCase } from './api/dvCase';
import type { Worker } from './PlanMeasureForm';
import { PlansSection } from './PlansSection';
import { ReportSection } from './ReportSection';
import { RiskSection } from './RiskSection';
import { UrgentMeasuresSection } from './UrgentMeasuresSection';

/** The tab's label in the case workspace (the app shows it on domestic-violence cases). */
export function DvTabLabel() {
  const { t } = useTranslation();
  return <>{t('protection.tab')}</>;
}

/** The workspace tab the app adds: at cases/:id/dv, on domestic-violence cases only. */
export const DV_TAB = { path: 'dv', Label: DvTabLabel, show: (c: Case) => c.category === 'domestic_violence' };

/** The workers a plan can name: the user's teams and the case's members, once each. */
function knownWorkers(kase: Case | undefined, teams: { members: { id: string; display_name: string; agency_id: string }[] }[]): Worker[] {
  const out = new Map<string, Worker>();
  for (const team of teams) for (const m of team.members) out.set(String(m.id), { id: String(m.id), display_name: m.display_name, agency_id: String(m.agency_id) });
  for (const m of kase?.members ?? []) out.set(String(m.user_id), { id: String(m.user_id), display_name: m.display_name, agency_id: String(m.agency_id) });
  return [...out.values()];
}

/**
 * The domestic-violence tab of a case: urgent measures with live countdowns, the risk
 * assessment and the CSR's opinions, the duty to report, and the individual protection and
 * support plans. What a user may record follows their role; emergency access only reads.
 */
export function DvPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const kase = useDvCase(id);
  const people = useCasePeople(id);
  const teams = useTeams();
  if (kase.isPending || !me) return <SkeletonList rows={4} />;
  if (kase.isError) return <Notice tone="error">{t('errors.loadFailed')}</Notice>;
  const c = kase.data;
  if (c.category !== 'domestic_violence') {
    return (
      <Notice tone="info" title={t('protection.notDvTitle')}>
        <p>{t('protection.notDvBody')}</p>
      </Notice>
    );
  }
  const canWrite = c.my_basis !== 'emergency';
  const persons = people.data?.items ?? [];
  const workers = knownWorkers(c, teams.data?.items ?? []);
  return (
    <div className="dv-page">
      <nav className="dv-jump" aria-label={t('protection.jump.label')}>
        <ul>
          <li>
            <a href="#dv-measures">{t('protection.measures.title')}</a>
          </li>
          <li>
            <a href="#dv-risk">{t('protection.risk.title')}</a>
          </li>
          <li>
            <a href="#dv-report">{t('protection.report.title')}</a>
          </li>
          <li>
            <a href="#dv-plans">{t('protection.plan.title')}</a>
          </li>
        </ul>
      </nav>
      {!canWrite && <Notice tone="info">{t('protection.readOnly')}</Notice>}
      {people.isError && <Notice tone="warning">{t('protection.peopleFailed')}</Notice>}
      <UrgentMeasuresSection caseId={id} roles={me.roles} people={persons} canWrite={canWrite} />
      <RiskSection caseId={id} roles={me.roles} canWrite={canWrite} />
      <ReportSection caseId={id} canWrite={canWrite} />
      <PlansSection caseId={id} people={persons} workers={workers} canWrite={canWrite} />
    </div>
  );
}
