import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Task } from '@/lib/types';
import { caseTasksKey, myTasksKey } from './tasks';

export type CreateTaskInput = { caseId: string; title: string; assignee_id: string; due_at?: string; goal_id?: string; action_id?: string };

/** POST /cases/{id}/tasks: due_at in RFC 3339 (UTC). */
export function createTask({ caseId, ...body }: CreateTaskInput): Promise<Task> {
  return apiFetch<Task>(`/cases/${encodeURIComponent(caseId)}/tasks`, { method: 'POST', body });
}

export function useCreateTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createTask,
    onSuccess: (_t, { caseId }) => Promise.all([qc.invalidateQueries({ queryKey: caseTasksKey(caseId) }), qc.invalidateQueries({ queryKey: myTasksKey })]),
  });
}
