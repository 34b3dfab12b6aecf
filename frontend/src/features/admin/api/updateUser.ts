import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Role, User } from '@/lib/types';
import { usersKey } from './users';

export type UpdateUserInput = { id: string; display_name?: string; agency_id?: string; roles?: Role[] };

/** PATCH /users/{id}: name, agency, roles. */
export function updateUser({ id, ...patch }: UpdateUserInput): Promise<User> {
  return apiFetch<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateUser, onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }) });
}
