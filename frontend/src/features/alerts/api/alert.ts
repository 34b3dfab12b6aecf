import { queryOptions, useQuery } from '@tanstack/react-query';
import { alertsKey, ALERTS_REFRESH_MS } from '@/api/alerts';
import { apiFetch } from '@/lib/api';
import type { PagedAlert } from '../types';

export const alertKey = (id: string) => [...alertsKey, 'detail', id] as const;

/** GET /alerts/{id}: one of the caller's alerts, with its page's timeline; 404 for anyone else's. */
export function getAlert(id: string, signal?: AbortSignal): Promise<PagedAlert> {
  return apiFetch<PagedAlert>(`/alerts/${encodeURIComponent(id)}`, { signal });
}

/** Fetched again while open, so the steps of an escalating page show up. */
export const alertQuery = (id: string) =>
  queryOptions({
    queryKey: alertKey(id),
    queryFn: ({ signal }) => getAlert(id, signal),
    refetchInterval: (q) => (q.state.data && !q.state.data.acknowledged_at ? ALERTS_REFRESH_MS : false),
  });

export function useAlert(id: string) {
  return useQuery(alertQuery(id));
}
