import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { User } from '@/lib/types';

export const usersKey = ['users'] as const;

/** GET /users?q=: accounts matching a name or username, a page per cursor. */
export function getUsers(q: string, cursor?: string, signal?: AbortSignal, limit = 50): Promise<List<User>> {
  return apiFetch<List<User>>('/users', { signal, query: { q, cursor, limit } });
}

export const usersQuery = (q: string) =>
  infiniteQueryOptions({
    queryKey: [...usersKey, 'list', q],
    queryFn: ({ pageParam, signal }) => getUsers(q, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export function useUsers(q: string) {
  return useInfiniteQuery(usersQuery(q));
}
