import type { ProtectionPlan } from './types';

export type MeasureGap = 'agency' | 'person' | 'deadline';

/** What a plan still lacks before the group can adopt it (the server's rule, checked here first). */
export type PlanGaps = {
  hasMeasures: boolean;
  measures: { id: string; description: string; missing: MeasureGap[] }[];
  monitoring: boolean;
  participation: boolean;
};

/**
 * Adoption needs at least one measure, each with its executing agency, person and deadline; the
 * monitoring and evaluation part; and whether the victim took part, declined or could not.
 */
export function planGaps(plan: Pick<ProtectionPlan, 'measures' | 'monitoring' | 'participation'>): PlanGaps {
  return {
    hasMeasures: plan.measures.length > 0,
    measures: plan.measures.map((m) => ({
      id: m.id,
      description: m.description,
      missing: [!m.executor_agency_id && 'agency', !m.executor_user_id && 'person', !m.due_at && 'deadline'].filter(Boolean) as MeasureGap[],
    })),
    monitoring: plan.monitoring.trim() !== '',
    participation: plan.participation !== null,
  };
}

export function isComplete(g: PlanGaps): boolean {
  return g.hasMeasures && g.measures.every((m) => m.missing.length === 0) && g.monitoring && g.participation;
}
