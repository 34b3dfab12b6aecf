import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

export type ChangePasswordInput = { current_password: string; new_password: string };

/** POST /me/password; 422 names current_password or new_password (at least 12 characters). */
export function changePassword(input: ChangePasswordInput): Promise<void> {
  return apiFetch<void>('/me/password', { method: 'POST', body: input });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['me'] }),
  });
}
