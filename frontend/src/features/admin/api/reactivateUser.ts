import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { User } from '@/lib/types';
import { usersKey } from './users';

/** POST /users/{id}/reactivate. */
export function reactivateUser(id: string): Promise<User> {
  return apiFetch<User>(`/users/${encodeURIComponent(id)}/reactivate`, { method: 'POST' });
}

export function useReactivateUser() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: reactivateUser, onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }) });
}
