import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { oncallKey } from './keys';

/** DELETE /shifts/{id}: 204; 403 for anyone but a team lead of its agency or an admin; 409 once it started or was paged. */
export function deleteShift(id: string): Promise<void> {
  return apiFetch<void>(`/shifts/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useDeleteShift() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteShift, onSettled: () => qc.invalidateQueries({ queryKey: oncallKey }) });
}
