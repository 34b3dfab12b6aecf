import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import { ROTA_DAYS, type Shift } from '../types';
import { shiftsKey } from './keys';

/**
 * GET /agencies/{id}/shifts?from=&to=: the shifts overlapping the next ROTA_DAYS days, the one
 * running now included. Times go as UTC ("Z"), so no "+" needs escaping in the query.
 */
export function getShifts(agencyId: string, signal?: AbortSignal, now: Date = new Date()): Promise<List<Shift>> {
  const from = now.toISOString();
  const to = new Date(now.getTime() + ROTA_DAYS * 86_400_000).toISOString();
  return apiFetch<List<Shift>>(`/agencies/${encodeURIComponent(agencyId)}/shifts`, { signal, query: { from, to, limit: 200 } });
}

export const shiftsQuery = (agencyId: string) =>
  queryOptions({ queryKey: shiftsKey(agencyId), queryFn: ({ signal }) => getShifts(agencyId, signal), refetchInterval: 60_000 });

export function useShifts(agencyId: string) {
  return useQuery(shiftsQuery(agencyId));
}
