import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Session } from '@/lib/types';

export const sessionsKey = ['me', 'sessions'] as const;

/** GET /me/sessions: where the user is signed in; the current one is marked. */
export function getSessions(signal?: AbortSignal): Promise<List<Session>> {
  return apiFetch<List<Session>>('/me/sessions', { signal, query: { limit: 200 } });
}

export const sessionsQuery = () => queryOptions({ queryKey: sessionsKey, queryFn: ({ signal }) => getSessions(signal) });

export function useSessions() {
  return useQuery(sessionsQuery());
}
