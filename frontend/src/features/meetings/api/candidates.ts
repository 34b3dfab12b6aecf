import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Invitee } from '../types';
import { meetingsKey } from './keys';

/** GET /coordination-groups/{id}/candidates?q=: workers outside the group whose name matches (the chair only). */
export function getCandidates(groupId: string, q: string, signal?: AbortSignal): Promise<List<Invitee>> {
  return apiFetch<List<Invitee>>(`/coordination-groups/${encodeURIComponent(groupId)}/candidates`, { signal, query: { q } });
}

export const candidatesQuery = (groupId: string, q: string) =>
  queryOptions({ queryKey: [...meetingsKey, 'candidates', groupId, q], queryFn: ({ signal }) => getCandidates(groupId, q, signal) });

/** Asks only once at least two letters are typed. */
export function useCandidates(groupId: string, q: string) {
  return useQuery({ ...candidatesQuery(groupId, q), enabled: q.trim().length >= 2 });
}
