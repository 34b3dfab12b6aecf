import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { CoordinationGroup } from '../types';
import { meetingsKey } from './keys';

export const groupsKey = [...meetingsKey, 'groups'] as const;

/** GET /coordination-groups: the groups the caller chairs or is a permanent member of. */
export function getGroups(signal?: AbortSignal): Promise<List<CoordinationGroup>> {
  return apiFetch<List<CoordinationGroup>>('/coordination-groups', { signal });
}

export const groupsQuery = () => queryOptions({ queryKey: groupsKey, queryFn: ({ signal }) => getGroups(signal), staleTime: 5 * 60_000 });

export function useGroups(enabled = true) {
  return useQuery({ ...groupsQuery(), enabled });
}
