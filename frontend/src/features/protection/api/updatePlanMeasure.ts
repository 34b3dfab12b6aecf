import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { ProtectionPlan } from '../types';
import type { PlanMeasureInput } from './addPlanMeasure';
import { protectionKey } from './keys';
import { protectionPlansKey, replacePlan } from './protectionPlans';

/**
 * PUT /protection-plans/{id}/measures/{measure_id}: the whole measure replaced (what is left
 * out is cleared); 200 with the plan. Same 422 fields as adding one; 404 for a measure of
 * another plan.
 */
export function updatePlanMeasure({ planId, measureId, ...body }: PlanMeasureInput & { planId: string; measureId: string }): Promise<ProtectionPlan> {
  return apiFetch<ProtectionPlan>(`/protection-plans/${encodeURIComponent(planId)}/measures/${encodeURIComponent(measureId)}`, { method: 'PUT', body });
}

export function useUpdatePlanMeasure(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updatePlanMeasure,
    onSuccess: (plan) => {
      qc.setQueryData(protectionPlansKey(caseId), (old: Parameters<typeof replacePlan>[0]) => replacePlan(old, plan));
      void qc.invalidateQueries({ queryKey: [...protectionKey, 'planVersions', plan.id] });
    },
  });
}
