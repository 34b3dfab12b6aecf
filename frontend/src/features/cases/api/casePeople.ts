import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { CasePerson } from '@/lib/types';
import { caseKey } from './case';

export const casePeopleKey = (caseId: string) => [...caseKey(caseId), 'people'] as const;

/** GET /cases/{id}/people: the subject and related people, JMBG masked, in the order added. */
export function getCasePeople(caseId: string, signal?: AbortSignal): Promise<List<CasePerson>> {
  return apiFetch<List<CasePerson>>(`/cases/${encodeURIComponent(caseId)}/people`, { signal, query: { limit: 200 } });
}

export const casePeopleQuery = (caseId: string) => queryOptions({ queryKey: casePeopleKey(caseId), queryFn: ({ signal }) => getCasePeople(caseId, signal) });

export function useCasePeople(caseId: string) {
  return useQuery(casePeopleQuery(caseId));
}
