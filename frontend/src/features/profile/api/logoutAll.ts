import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { realtimeSocket } from '@/lib/socket';

/** POST /auth/logout-all: ends every session of the user, this one included. */
export function logoutAll(): Promise<void> {
  return apiFetch<void>('/auth/logout-all', { method: 'POST' });
}

export function useLogoutAll() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: logoutAll,
    // As at logout: this tab's websocket closes first, so the server's 4001 is not taken for a session that ended on its own.
    onMutate: () => realtimeSocket().disconnect(),
    onError: () => realtimeSocket().reconnect(),
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(['me'], null);
    },
  });
}
