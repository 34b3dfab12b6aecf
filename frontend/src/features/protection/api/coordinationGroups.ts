import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { CoordinationGroup } from '../types';
import { protectionKey } from './keys';

/** GET /coordination-groups: the groups the caller chairs or belongs to. */
export function getCoordinationGroups(signal?: AbortSignal): Promise<List<CoordinationGroup>> {
  return apiFetch<List<CoordinationGroup>>('/coordination-groups', { signal });
}

export const coordinationGroupsQuery = () =>
  queryOptions({ queryKey: [...protectionKey, 'groups'] as const, queryFn: ({ signal }) => getCoordinationGroups(signal), staleTime: 5 * 60_000 });

export function useCoordinationGroups(enabled = true) {
  return useQuery({ ...coordinationGroupsQuery(), enabled });
}
