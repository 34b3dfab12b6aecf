import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Role, User } from '@/lib/types';
import { usersKey } from './users';

export type CreateUserInput = { username: string; display_name: string; agency_id: string; roles: Role[] };
export type CreatedUser = { user: User; temporary_password: string };

/** POST /users: 201 with a temporary password shown once; 409 when the username is taken. */
export function createUser(input: CreateUserInput): Promise<CreatedUser> {
  return apiFetch<CreatedUser>('/users', { method: 'POST', body: input });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createUser, onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }) });
}
