import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { PlanMeasureKind, PlanMeasureStatus, ProtectionPlan } from '../types';
import { protectionKey } from './keys';
import { protectionPlansKey, replacePlan } from './protectionPlans';

/** A protection or support measure as sent: executors and deadline may be left out in a draft. */
export type PlanMeasureInput = {
  kind: PlanMeasureKind;
  description: string;
  executor_agency_id?: string;
  executor_user_id?: string;
  due_at?: string;
  status?: PlanMeasureStatus;
};

/**
 * POST /protection-plans/{id}/measures: 201 with the whole plan. 422 names kind, description,
 * executor_agency_id, executor_user_id (a worker of that agency) or due_at (still to come).
 */
export function addPlanMeasure({ planId, ...body }: PlanMeasureInput & { planId: string }): Promise<ProtectionPlan> {
  return apiFetch<ProtectionPlan>(`/protection-plans/${encodeURIComponent(planId)}/measures`, { method: 'POST', body });
}

export function useAddPlanMeasure(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: addPlanMeasure,
    onSuccess: (plan) => {
      qc.setQueryData(protectionPlansKey(caseId), (old: Parameters<typeof replacePlan>[0]) => replacePlan(old, plan));
      void qc.invalidateQueries({ queryKey: [...protectionKey, 'planVersions', plan.id] });
    },
  });
}
