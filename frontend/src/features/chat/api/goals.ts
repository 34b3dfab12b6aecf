import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Plan } from '@/lib/types';
import { goalsKey } from './keys';

/** The plan's goals, to choose where an action made from a message goes (GET /cases/{id}/plan). */
export function getGoals(caseId: string, signal?: AbortSignal) {
  return apiFetch<Plan>(`/cases/${encodeURIComponent(caseId)}/plan`, { signal }).then((p) => p.goals.filter((g) => g.status === 'open'));
}

export const goalsQuery = (caseId: string) => queryOptions({ queryKey: goalsKey(caseId), queryFn: ({ signal }) => getGoals(caseId, signal) });

export function useGoals(caseId: string, enabled: boolean) {
  return useQuery({ ...goalsQuery(caseId), enabled });
}
