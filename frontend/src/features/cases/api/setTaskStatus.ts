import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Task, TaskStatus } from '@/lib/types';
import { caseTasksKey, myTasksKey } from './tasks';

/** PATCH /tasks/{id} {status}: the assignee or the case lead. */
export function setTaskStatus({ taskId, status }: { taskId: string; caseId: string; status: TaskStatus }): Promise<Task> {
  return apiFetch<Task>(`/tasks/${encodeURIComponent(taskId)}`, { method: 'PATCH', body: { status } });
}

export function useSetTaskStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setTaskStatus,
    onSuccess: (_t, { caseId }) => Promise.all([qc.invalidateQueries({ queryKey: caseTasksKey(caseId) }), qc.invalidateQueries({ queryKey: myTasksKey })]),
  });
}
