import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Person } from '@/lib/types';

/** What the person being typed may match: the JMBG, or the names and the date of birth. */
export type PersonMatchParams = { first_name?: string; last_name?: string; jmbg?: string; date_of_birth?: string };

/** Records the caller may see, and whether someone else holds a matching person (no data). */
export type PersonMatches = { visible: Person[]; known_elsewhere: boolean };

export const personMatchesKey = (params: PersonMatchParams) => ['people', 'matches', params] as const;

/**
 * GET /people/matches: who may already exist before a person is created. Needs the JMBG, or
 * the first and last name with the date of birth (422 otherwise): call it only then.
 */
export function findPersonMatches(params: PersonMatchParams, signal?: AbortSignal): Promise<PersonMatches> {
  return apiFetch<PersonMatches>('/people/matches', { signal, query: params });
}

export const personMatchesQuery = (params: PersonMatchParams) =>
  queryOptions({ queryKey: personMatchesKey(params), queryFn: ({ signal }) => findPersonMatches(params, signal), staleTime: 0 });

/** The matches for params, or nothing while params is null (not enough to ask). */
export function usePersonMatches(params: PersonMatchParams | null) {
  return useQuery({ ...personMatchesQuery(params ?? {}), enabled: params !== null });
}
