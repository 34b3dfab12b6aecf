import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Task } from '@/lib/types';
import { caseKey } from './case';

export const caseTasksKey = (caseId: string) => [...caseKey(caseId), 'tasks'] as const;
export const myTasksKey = ['tasks', 'mine'] as const;

/** GET /cases/{id}/tasks: every task of the case, oldest first, with overdue worked out by the server. */
export function getCaseTasks(caseId: string, signal?: AbortSignal): Promise<List<Task>> {
  return apiFetch<List<Task>>(`/cases/${encodeURIComponent(caseId)}/tasks`, { signal, query: { limit: 200 } });
}

export const caseTasksQuery = (caseId: string) => queryOptions({ queryKey: caseTasksKey(caseId), queryFn: ({ signal }) => getCaseTasks(caseId, signal) });

export function useCaseTasks(caseId: string) {
  return useQuery(caseTasksQuery(caseId));
}

export const MY_TASKS_PAGE_SIZE = 50;

/** GET /tasks?assignee=me[&status=all]: the caller's tasks, open ones first by deadline, a page per cursor. */
export function getMyTasks(all: boolean, cursor: string | undefined, signal?: AbortSignal): Promise<List<Task>> {
  return apiFetch<List<Task>>('/tasks', { signal, query: { assignee: 'me', status: all ? 'all' : undefined, cursor, limit: MY_TASKS_PAGE_SIZE } });
}

export const myTasksQuery = (all: boolean) =>
  infiniteQueryOptions({
    queryKey: [...myTasksKey, all ? 'all' : 'open'],
    queryFn: ({ pageParam, signal }) => getMyTasks(all, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export function useMyTasks(all: boolean) {
  return useInfiniteQuery(myTasksQuery(all));
}
