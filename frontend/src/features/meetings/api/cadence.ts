import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Cadence } from '../types';
import { meetingsKey } from './keys';

export const cadenceKey = (groupId: string) => [...meetingsKey, 'group', groupId, 'cadence'] as const;

/** GET /coordination-groups/{id}/cadence: where the group stands against the 15-day rule. */
export function getCadence(groupId: string, signal?: AbortSignal): Promise<Cadence> {
  return apiFetch<Cadence>(`/coordination-groups/${encodeURIComponent(groupId)}/cadence`, { signal });
}

export const cadenceQuery = (groupId: string) => queryOptions({ queryKey: cadenceKey(groupId), queryFn: ({ signal }) => getCadence(groupId, signal) });

export function useCadence(groupId: string) {
  return useQuery(cadenceQuery(groupId));
}
