import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { LookupHit } from '@/lib/types';
import { casesKey } from './cases';

/** GET /cases/lookup?q=: bare hits (team, lead's agency) on cases the caller cannot see. */
export function lookupCases(q: string, signal?: AbortSignal): Promise<List<LookupHit>> {
  return apiFetch<List<LookupHit>>('/cases/lookup', { signal, query: { q } });
}

export const lookupQuery = (q: string) =>
  queryOptions({ queryKey: [...casesKey, 'lookup', q], queryFn: ({ signal }) => lookupCases(q, signal), enabled: q.length > 0 });

export function useLookup(q: string) {
  return useQuery(lookupQuery(q));
}
