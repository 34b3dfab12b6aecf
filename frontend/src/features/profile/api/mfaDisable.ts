import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

/** POST /me/mfa/disable {password}; 403 for admins in production. */
export function disableMfa(password: string): Promise<void> {
  return apiFetch<void>('/me/mfa/disable', { method: 'POST', body: { password } });
}

export function useDisableMfa() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: disableMfa, onSuccess: () => qc.invalidateQueries({ queryKey: ['me'] }) });
}
