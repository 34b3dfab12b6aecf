import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { caseKey } from './case';

/** DELETE /cases/{id}/members/{user_id}: the lead removes someone (not themselves: 409). */
export function removeCaseMember({ caseId, userId }: { caseId: string; userId: string }): Promise<void> {
  return apiFetch<void>(`/cases/${encodeURIComponent(caseId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });
}

export function useRemoveCaseMember() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: removeCaseMember, onSuccess: (_r, { caseId }) => qc.invalidateQueries({ queryKey: caseKey(caseId) }) });
}
