import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Plan } from '@/lib/types';
import { storePlan } from './plan';

export type AddActionInput = { caseId: string; goalId: string; title: string; owner_user_id?: string; owner_agency_id?: string; due_date?: string };

/** POST /plan/goals/{id}/actions: exactly one owner (a member or an agency); 201 with the whole plan. */
export function addAction({ caseId: _caseId, goalId, ...body }: AddActionInput): Promise<Plan> {
  return apiFetch<Plan>(`/plan/goals/${encodeURIComponent(goalId)}/actions`, { method: 'POST', body });
}

export function useAddAction() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addAction, onSuccess: (plan, { caseId }) => storePlan(qc, caseId, plan) });
}
