import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { PlanVersion } from '../types';
import { protectionKey } from './keys';

/** GET /protection-plans/{id}/versions: every version of the plan, newest first. */
export function getPlanVersions(planId: string, signal?: AbortSignal): Promise<List<PlanVersion>> {
  return apiFetch<List<PlanVersion>>(`/protection-plans/${encodeURIComponent(planId)}/versions`, { signal });
}

export const planVersionsQuery = (planId: string) =>
  queryOptions({ queryKey: [...protectionKey, 'planVersions', planId] as const, queryFn: ({ signal }) => getPlanVersions(planId, signal) });

export function usePlanVersions(planId: string, enabled: boolean) {
  return useQuery({ ...planVersionsQuery(planId), enabled });
}
