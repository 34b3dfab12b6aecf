import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { ProtectionPlan } from '../types';
import { meetingsKey } from './keys';

export const casePlansKey = (caseId: string) => [...meetingsKey, 'protection-plans', caseId] as const;

/** GET /cases/{id}/protection-plans: the case's protection and support plans (the group's members read them through the group). */
export function getProtectionPlans(caseId: string, signal?: AbortSignal): Promise<List<ProtectionPlan>> {
  return apiFetch<List<ProtectionPlan>>(`/cases/${encodeURIComponent(caseId)}/protection-plans`, { signal });
}

export const protectionPlansQuery = (caseId: string) =>
  queryOptions({ queryKey: casePlansKey(caseId), queryFn: ({ signal }) => getProtectionPlans(caseId, signal) });

export function useProtectionPlans(caseId: string) {
  return useQuery(protectionPlansQuery(caseId));
}
