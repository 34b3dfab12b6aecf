import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { ProtectionPlan } from '../types';
import { protectionPlansKey, replacePlan } from './protectionPlans';

/**
 * POST /cases/{id}/protection-plans {victim_id}: 201 with the draft plan. 422 on victim_id (not
 * a person of the case, or the perpetrator); 409 when the victim has a plan already.
 */
export function createProtectionPlan({ caseId, victimId }: { caseId: string; victimId: string }): Promise<ProtectionPlan> {
  return apiFetch<ProtectionPlan>(`/cases/${encodeURIComponent(caseId)}/protection-plans`, { method: 'POST', body: { victim_id: victimId } });
}

export function useCreateProtectionPlan(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (victimId: string) => createProtectionPlan({ caseId, victimId }),
    onSuccess: (plan) => {
      qc.setQueryData(protectionPlansKey(caseId), (old: Parameters<typeof replacePlan>[0]) => replacePlan(old, plan));
      void qc.invalidateQueries({ queryKey: protectionPlansKey(caseId) });
    },
  });
}
