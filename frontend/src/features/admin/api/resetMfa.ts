import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { User } from '@/lib/types';
import { usersKey } from './users';

/** POST /users/{id}/reset-mfa: removes the second factor (a lost phone). */
export function resetMfa(id: string): Promise<User> {
  return apiFetch<User>(`/users/${encodeURIComponent(id)}/reset-mfa`, { method: 'POST' });
}

export function useResetMfa() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: resetMfa, onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }) });
}
