import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError } from '@/lib/api';
import { realtimeSocket } from '@/lib/socket';
import { meKey } from './me';

/** POST /auth/logout: ends this session. */
export async function logout(): Promise<void> {
  try {
    await apiFetch<void>('/auth/logout', { method: 'POST' });
  } catch (e) {
    // Already signed out on the server: nothing left to end.
    if (!(isApiError(e) && e.status === 401)) throw e;
  }
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Closed first: the server ends the session's websockets with 4001, which must not read as
    // the session ending on its own.
    onMutate: () => realtimeSocket().disconnect(),
    onError: () => realtimeSocket().reconnect(),
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}
