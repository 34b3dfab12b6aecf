import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { sessionsKey } from './sessions';

/** DELETE /me/sessions/{id}: signs another device out. */
export function endSession(id: string): Promise<void> {
  return apiFetch<void>(`/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useEndSession() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: endSession, onSuccess: () => qc.invalidateQueries({ queryKey: sessionsKey }) });
}
