import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Team } from '@/lib/types';

export const teamsKey = ['teams'] as const;

/** GET /teams: the caller's teams (all teams for an admin). */
export function getTeams(signal?: AbortSignal): Promise<List<Team>> {
  return apiFetch<List<Team>>('/teams', { signal, query: { limit: 200 } });
}

export const teamsQuery = () => queryOptions({ queryKey: teamsKey, queryFn: ({ signal }) => getTeams(signal) });

export function useTeams() {
  return useQuery(teamsQuery());
}
