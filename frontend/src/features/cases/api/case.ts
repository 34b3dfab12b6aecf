import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Case } from '@/lib/types';
import { casesKey } from './cases';

export const caseKey = (id: string) => [...casesKey, 'detail', id] as const;

/** GET /cases/{id}: one case; 404 when it does not exist or the caller may not see it. */
export function getCase(id: string, signal?: AbortSignal): Promise<Case> {
  return apiFetch<Case>(`/cases/${encodeURIComponent(id)}`, { signal });
}

export const caseQuery = (id: string) => queryOptions({ queryKey: caseKey(id), queryFn: ({ signal }) => getCase(id, signal) });

export function useCase(id: string) {
  return useQuery(caseQuery(id));
}
