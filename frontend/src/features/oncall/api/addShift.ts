import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Shift } from '../types';
import { oncallKey } from './keys';

export type NewShift = { agencyId: string; starts_at: string; ends_at: string; oncall_user_id: string; backup_user_id?: string; head_user_id?: string };

/**
 * POST /agencies/{id}/shifts: 201 with the shift; 403 unless a team lead of the agency or an
 * admin; 422 names starts_at (also for an overlap), ends_at, oncall_user_id, backup_user_id, head_user_id.
 */
export function addShift({ agencyId, ...body }: NewShift): Promise<Shift> {
  return apiFetch<Shift>(`/agencies/${encodeURIComponent(agencyId)}/shifts`, { method: 'POST', body });
}

/** Several shifts may be posted in a row ("repeat"): the caller refreshes the rota once at the end. */
export function useAddShift() {
  return useMutation({ mutationFn: addShift });
}

export function useRefreshRota() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: oncallKey });
}
