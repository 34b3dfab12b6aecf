import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Case } from '@/lib/types';
import { meetingsKey } from './keys';

/** GET /cases/{id}: the case (the group's chair and members read the area's cases); used here for its team's members. */
export function getCase(caseId: string, signal?: AbortSignal): Promise<Case> {
  return apiFetch<Case>(`/cases/${encodeURIComponent(caseId)}`, { signal });
}

export const caseQuery = (caseId: string) => queryOptions({ queryKey: [...meetingsKey, 'case', caseId], queryFn: ({ signal }) => getCase(caseId, signal), staleTime: 60_000 });

export function useCaseMembers(caseId: string | null) {
  return useQuery({ ...caseQuery(caseId ?? ''), enabled: !!caseId });
}
