import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { CaseSummary } from '@/lib/types';

export const casesKey = ['cases'] as const;
export const PAGE_SIZE = 25;

export type CaseFilters = { scope: 'mine' | 'team'; category?: string; status?: string; risk?: string; q?: string };

/** GET /cases: the caller's cases (scope=mine) or the team's, newest first, a page per cursor. */
export function getCases(filters: CaseFilters, cursor: string | undefined, signal?: AbortSignal): Promise<List<CaseSummary>> {
  return apiFetch<List<CaseSummary>>('/cases', { signal, query: { ...filters, cursor, limit: PAGE_SIZE } });
}

export const casesQuery = (filters: CaseFilters) =>
  infiniteQueryOptions({
    queryKey: [...casesKey, 'list', filters],
    queryFn: ({ pageParam, signal }) => getCases(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export function useCases(filters: CaseFilters) {
  return useInfiniteQuery(casesQuery(filters));
}
