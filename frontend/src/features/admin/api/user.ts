import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { User } from '@/lib/types';
import { usersKey } from './users';

/** GET /users/{id}: one account (404 not_found). */
export function getUser(id: string, signal?: AbortSignal): Promise<User> {
  return apiFetch<User>(`/users/${encodeURIComponent(id)}`, { signal });
}

export const userQuery = (id: string) => queryOptions({ queryKey: [...usersKey, 'one', id], queryFn: ({ signal }) => getUser(id, signal) });

export function useUser(id: string) {
  return useQuery(userQuery(id));
}
