import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Case } from '@/lib/types';
import { caseDetailKey } from './keys';

/** GET /cases/{id}: the case the tab is on (category, members, the caller's basis); 404 when not visible. */
export function getDvCase(id: string, signal?: AbortSignal): Promise<Case> {
  return apiFetch<Case>(`/cases/${encodeURIComponent(id)}`, { signal });
}

export const dvCaseQuery = (id: string) => queryOptions({ queryKey: caseDetailKey(id), queryFn: ({ signal }) => getDvCase(id, signal) });

export function useDvCase(id: string) {
  return useQuery(dvCaseQuery(id));
}
