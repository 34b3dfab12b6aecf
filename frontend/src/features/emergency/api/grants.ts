import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { EmergencyGrant } from '@/lib/types';

export const grantsKey = ['emergency-access'] as const;
export type GrantStatus = 'pending' | 'reviewed' | 'all';

/** GET /emergency-access?status=: grants to review (team lead: their teams' cases; auditor: all). */
export function getGrants(status: GrantStatus, signal?: AbortSignal): Promise<List<EmergencyGrant>> {
  return apiFetch<List<EmergencyGrant>>('/emergency-access', { signal, query: { status, limit: 100 } });
}

export const grantsQuery = (status: GrantStatus) => queryOptions({ queryKey: [...grantsKey, status], queryFn: ({ signal }) => getGrants(status, signal) });

export function useGrants(status: GrantStatus) {
  return useQuery(grantsQuery(status));
}
