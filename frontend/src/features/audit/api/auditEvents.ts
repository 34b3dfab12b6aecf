import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { AuditEvent } from '@/lib/types';

export type AuditFilters = { actor_id?: string; case_id?: string; action?: string };

export const PAGE_SIZE = 50;

/** GET /audit: events newest first, filtered, one page per cursor. */
export function getAuditEvents(filters: AuditFilters, cursor: string | undefined, signal?: AbortSignal): Promise<List<AuditEvent>> {
  return apiFetch<List<AuditEvent>>('/audit', { signal, query: { ...filters, cursor, limit: PAGE_SIZE } });
}

export const auditEventsQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ['audit', 'events', filters],
    queryFn: ({ pageParam, signal }) => getAuditEvents(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery(auditEventsQuery(filters));
}
