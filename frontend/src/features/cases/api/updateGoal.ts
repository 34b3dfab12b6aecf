import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { GoalStatus, Plan } from '@/lib/types';
import { storePlan } from './plan';

export type UpdateGoalInput = { caseId: string; goalId: string; status?: GoalStatus; title?: string; in_own_words?: string };

/** PATCH /plan/goals/{id}: answers the whole plan with its new version. */
export function updateGoal({ caseId: _caseId, goalId, ...body }: UpdateGoalInput): Promise<Plan> {
  return apiFetch<Plan>(`/plan/goals/${encodeURIComponent(goalId)}`, { method: 'PATCH', body });
}

export function useUpdateGoal() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateGoal, onSuccess: (plan, { caseId }) => storePlan(qc, caseId, plan) });
}
