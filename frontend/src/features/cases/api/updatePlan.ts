import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Participation, Plan } from '@/lib/types';
import { storePlan } from './plan';

export type UpdatePlanInput = { caseId: string; review_date?: string; participation?: Participation | ''; agreement?: string };

/** PATCH /cases/{id}/plan: only the fields sent change; '' clears review date or participation. */
export function updatePlan({ caseId, ...body }: UpdatePlanInput): Promise<Plan> {
  return apiFetch<Plan>(`/cases/${encodeURIComponent(caseId)}/plan`, { method: 'PATCH', body });
}

export function useUpdatePlan() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updatePlan, onSuccess: (plan, { caseId }) => storePlan(qc, caseId, plan) });
}
