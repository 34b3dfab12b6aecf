import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Case } from '@/lib/types';
import { caseKey } from './case';

/** POST /cases/{id}/lead {user_id}: the lead hands over to another member. */
export function handOverLead({ caseId, ...body }: { caseId: string } & { user_id: string }): Promise<Case> {
  return apiFetch<Case>(`/cases/${encodeURIComponent(caseId)}/lead`, { method: 'POST', body });
}

export function useHandOverLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: handOverLead,
    onSuccess: (c, { caseId }) => {
      if (c && typeof c === 'object' && 'members' in c) qc.setQueryData(caseKey(caseId), c);
      return qc.invalidateQueries({ queryKey: caseKey(caseId) });
    },
  });
}
