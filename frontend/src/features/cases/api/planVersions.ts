import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { PlanDiff, PlanVersion } from '@/lib/types';
import { planKey } from './plan';

/** GET /cases/{id}/plan/versions: newest first, each with its snapshot. */
export function getPlanVersions(caseId: string, signal?: AbortSignal): Promise<List<PlanVersion>> {
  return apiFetch<List<PlanVersion>>(`/cases/${encodeURIComponent(caseId)}/plan/versions`, { signal, query: { limit: 200 } });
}

export const planVersionsQuery = (caseId: string) =>
  queryOptions({ queryKey: [...planKey(caseId), 'versions'], queryFn: ({ signal }) => getPlanVersions(caseId, signal) });

export function usePlanVersions(caseId: string, enabled: boolean) {
  return useQuery({ ...planVersionsQuery(caseId), enabled });
}

/** GET /cases/{id}/plan/compare?from=&to=: goals added, removed, changed; plan fields changed. */
export function comparePlan(caseId: string, from: number, to: number, signal?: AbortSignal): Promise<PlanDiff> {
  return apiFetch<PlanDiff>(`/cases/${encodeURIComponent(caseId)}/plan/compare`, { signal, query: { from, to } });
}

export const comparePlanQuery = (caseId: string, from: number, to: number) =>
  queryOptions({ queryKey: [...planKey(caseId), 'compare', from, to], queryFn: ({ signal }) => comparePlan(caseId, from, to, signal) });

export function useComparePlan(caseId: string, pair: { from: number; to: number } | null) {
  return useQuery({ ...comparePlanQuery(caseId, pair?.from ?? 0, pair?.to ?? 0), enabled: !!pair });
}
