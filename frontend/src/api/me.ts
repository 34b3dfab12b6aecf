import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, isApiError } from '@/lib/api';
import type { User } from '@/lib/types';

export const meKey = ['me'] as const;

/** The signed-in user, or null when there is no valid session. */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  try {
    return await apiFetch<User>('/me', { signal });
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

export const meQuery = () =>
  queryOptions({
    queryKey: meKey,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 60_000,
    retry: (count, e) => !(isApiError(e) && e.status < 500) && count < 2,
  });

export function useMe() {
  return useQuery(meQuery());
}
