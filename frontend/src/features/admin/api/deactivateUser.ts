import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { User } from '@/lib/types';
import { usersKey } from './users';

export type ToReassign = { cases: { id: string; title: string }[]; tasks: { id: string; title: string; case_id: string }[] };
export type Deactivated = { user: User; to_reassign: ToReassign };

/** POST /users/{id}/deactivate: ends every session at once; returns the work left to hand over. */
export function deactivateUser(id: string): Promise<Deactivated> {
  return apiFetch<Deactivated>(`/users/${encodeURIComponent(id)}/deactivate`, { method: 'POST' });
}

export function useDeactivateUser() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deactivateUser, onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }) });
}
