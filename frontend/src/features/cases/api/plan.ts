import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Plan } from '@/lib/types';
import { caseKey } from './case';

export const planKey = (caseId: string) => [...caseKey(caseId), 'plan'] as const;

/** GET /cases/{id}/plan: review date, participation, agreement, goals with their actions. */
export function getPlan(caseId: string, signal?: AbortSignal): Promise<Plan> {
  return apiFetch<Plan>(`/cases/${encodeURIComponent(caseId)}/plan`, { signal });
}

export const planQuery = (caseId: string) => queryOptions({ queryKey: planKey(caseId), queryFn: ({ signal }) => getPlan(caseId, signal) });

export function usePlan(caseId: string) {
  return useQuery(planQuery(caseId));
}

/** Every plan change answers the whole plan: keep it, then refetch the plan and its versions. */
export function storePlan(qc: QueryClient, caseId: string, plan: Plan | undefined) {
  if (plan && typeof plan === 'object' && 'goals' in plan) qc.setQueryData(planKey(caseId), plan);
  return qc.invalidateQueries({ queryKey: planKey(caseId) });
}
