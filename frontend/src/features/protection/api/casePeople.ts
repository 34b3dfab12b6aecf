import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { CasePerson } from '@/lib/types';
import { caseDetailKey } from './keys';

/** GET /cases/{id}/people: the people of the case with their relation (victim, perpetrator, ...). */
export function getCasePeople(caseId: string, signal?: AbortSignal): Promise<List<CasePerson>> {
  return apiFetch<List<CasePerson>>(`/cases/${encodeURIComponent(caseId)}/people`, { signal, query: { limit: 200 } });
}

export const casePeopleQuery = (caseId: string) =>
  queryOptions({ queryKey: [...caseDetailKey(caseId), 'people'] as const, queryFn: ({ signal }) => getCasePeople(caseId, signal) });

export function useCasePeople(caseId: string) {
  return useQuery(casePeopleQuery(caseId));
}
