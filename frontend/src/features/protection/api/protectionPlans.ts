import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { ProtectionPlan } from '../types';
import { protectionKey } from './keys';

export const protectionPlansKey = (caseId: string) => [...protectionKey, 'plans', caseId] as const;

/** GET /cases/{id}/protection-plans: one individual protection and support plan per victim. */
export function getProtectionPlans(caseId: string, signal?: AbortSignal): Promise<List<ProtectionPlan>> {
  return apiFetch<List<ProtectionPlan>>(`/cases/${encodeURIComponent(caseId)}/protection-plans`, { signal });
}

export const protectionPlansQuery = (caseId: string) =>
  queryOptions({ queryKey: protectionPlansKey(caseId), queryFn: ({ signal }) => getProtectionPlans(caseId, signal) });

export function useProtectionPlans(caseId: string) {
  return useQuery(protectionPlansQuery(caseId));
}

/** Puts a changed plan in the case's list (every change answers with the whole plan). */
export function replacePlan(old: List<ProtectionPlan> | undefined, plan: ProtectionPlan): List<ProtectionPlan> | undefined {
  if (!old) return old;
  const found = old.items.some((p) => p.id === plan.id);
  return { ...old, items: found ? old.items.map((p) => (p.id === plan.id ? plan : p)) : [...old.items, plan] };
}
