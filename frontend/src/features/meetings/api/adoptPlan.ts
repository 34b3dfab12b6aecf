import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { ProtectionPlan } from '../types';
import { casePlansKey } from './protectionPlans';

export type Adoption = { planId: string; caseId: string; meetingId: string };

/**
 * POST /protection-plans/{id}/adopt {meeting_id}: the chair adopts a complete plan at the
 * running meeting whose agenda holds the case. 422 names every missing part
 * (measures, measures[i].executor_agency_id / executor_user_id / due_at, monitoring,
 * participation); 409 when the meeting is not running or the case is not on its agenda.
 */
export function adoptPlan({ planId, meetingId }: Adoption): Promise<ProtectionPlan> {
  return apiFetch<ProtectionPlan>(`/protection-plans/${encodeURIComponent(planId)}/adopt`, { method: 'POST', body: { meeting_id: meetingId } });
}

export function useAdoptPlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: adoptPlan,
    onSuccess: (_p, v) => qc.invalidateQueries({ queryKey: casePlansKey(v.caseId) }),
  });
}
