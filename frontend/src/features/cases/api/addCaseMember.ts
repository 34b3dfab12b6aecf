import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Case } from '@/lib/types';
import { caseKey } from './case';

/** POST /cases/{id}/members {user_id}: the lead adds someone; 201 with the case. */
export function addCaseMember({ caseId, userId }: { caseId: string; userId: string }): Promise<Case> {
  return apiFetch<Case>(`/cases/${encodeURIComponent(caseId)}/members`, { method: 'POST', body: { user_id: userId } });
}

export function useAddCaseMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: addCaseMember,
    onSuccess: (c, { caseId }) => {
      if (c && typeof c === 'object' && 'members' in c) qc.setQueryData(caseKey(caseId), c);
      return qc.invalidateQueries({ queryKey: caseKey(caseId) });
    },
  });
}
