import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

/** POST /auth/logout-all: ends every session of the user, this one included. */
export function logoutAll(): Promise<void> {
  return apiFetch<void>('/auth/logout-all', { method: 'POST' });
}

export function useLogoutAll() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: logoutAll,
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(['me'], null);
    },
  });
}
