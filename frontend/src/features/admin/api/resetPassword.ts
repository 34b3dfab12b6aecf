import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { usersKey } from './users';

/** POST /users/{id}/reset-password: a new temporary password; the user's sessions end. */
export function resetPassword(id: string): Promise<{ temporary_password: string }> {
  return apiFetch<{ temporary_password: string }>(`/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST' });
}

export function useResetPassword() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: resetPassword, onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }) });
}
