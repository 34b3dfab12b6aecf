import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { ProtectionPlan, VictimParticipation } from '../types';
import { protectionKey } from './keys';
import { protectionPlansKey, replacePlan } from './protectionPlans';

export type PlanChange = { monitoring?: string; participation?: VictimParticipation };

/** PATCH /protection-plans/{id} {monitoring?, participation?}: 200 with the plan, a new version; 422 names either field. */
export function updateProtectionPlan({ id, ...body }: PlanChange & { id: string }): Promise<ProtectionPlan> {
  return apiFetch<ProtectionPlan>(`/protection-plans/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function useUpdateProtectionPlan(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateProtectionPlan,
    onSuccess: (plan) => {
      qc.setQueryData(protectionPlansKey(caseId), (old: Parameters<typeof replacePlan>[0]) => replacePlan(old, plan));
      void qc.invalidateQueries({ queryKey: [...protectionKey, 'planVersions', plan.id] });
    },
  });
}
