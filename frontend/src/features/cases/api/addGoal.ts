import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Goal } from '@/lib/types';
import { storePlan } from './plan';

export type AddGoalInput = { caseId: string; title: string; in_own_words?: string };

/** POST /cases/{id}/plan/goals: 201 with the goal (which starts open). */
export function addGoal({ caseId, ...body }: AddGoalInput): Promise<Goal> {
  return apiFetch<Goal>(`/cases/${encodeURIComponent(caseId)}/plan/goals`, { method: 'POST', body });
}

export function useAddGoal() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addGoal, onSuccess: (_g, { caseId }) => storePlan(qc, caseId, undefined) });
}
