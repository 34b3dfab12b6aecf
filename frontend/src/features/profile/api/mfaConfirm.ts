import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

/** POST /me/mfa/confirm {code}: turns the second factor on; 422 (field code) when wrong. */
export function confirmMfa(code: string): Promise<{ recovery_codes: string[] }> {
  return apiFetch<{ recovery_codes: string[] }>('/me/mfa/confirm', { method: 'POST', body: { code } });
}

export function useConfirmMfa() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: confirmMfa, onSuccess: () => qc.invalidateQueries({ queryKey: ['me'] }) });
}
