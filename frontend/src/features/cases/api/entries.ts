import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Entry } from '@/lib/types';
import { caseKey } from './case';

export const entriesKey = (caseId: string) => [...caseKey(caseId), 'entries'] as const;

/** GET /cases/{id}/entries: oldest first, only the sensitivities the caller may read. */
export function getEntries(caseId: string, cursor: string | undefined, signal?: AbortSignal): Promise<List<Entry>> {
  return apiFetch<List<Entry>>(`/cases/${encodeURIComponent(caseId)}/entries`, { signal, query: { cursor, limit: 100 } });
}

export const entriesQuery = (caseId: string) =>
  infiniteQueryOptions({
    queryKey: entriesKey(caseId),
    queryFn: ({ pageParam, signal }) => getEntries(caseId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export function useEntries(caseId: string) {
  return useInfiniteQuery(entriesQuery(caseId));
}
