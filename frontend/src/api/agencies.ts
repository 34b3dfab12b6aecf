import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Agency } from '@/lib/types';

export const agenciesKey = ['agencies'] as const;

/** GET /agencies: every agency (readable by everyone). */
export function getAgencies(signal?: AbortSignal): Promise<List<Agency>> {
  return apiFetch<List<Agency>>('/agencies', { signal, query: { limit: 200 } });
}

export const agenciesQuery = () =>
  queryOptions({ queryKey: agenciesKey, queryFn: ({ signal }) => getAgencies(signal), staleTime: 5 * 60_000 });

export function useAgencies() {
  return useQuery(agenciesQuery());
}
