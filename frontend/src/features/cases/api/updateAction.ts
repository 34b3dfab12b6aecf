import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { ActionStatus, Plan } from '@/lib/types';
import { storePlan } from './plan';

export type UpdateActionInput = { caseId: string; actionId: string; status?: ActionStatus; due_date?: string };

/** PATCH /plan/actions/{id}: status or date; answers the whole plan. */
export function updateAction({ caseId: _caseId, actionId, ...body }: UpdateActionInput): Promise<Plan> {
  return apiFetch<Plan>(`/plan/actions/${encodeURIComponent(actionId)}`, { method: 'PATCH', body });
}

export function useUpdateAction() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateAction, onSuccess: (plan, { caseId }) => storePlan(qc, caseId, plan) });
}
