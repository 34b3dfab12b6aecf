import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Case, CaseStatus } from '@/lib/types';
import { caseKey } from './case';

/** POST /cases/{id}/status {status, closing_reason}: the lead only; 409 when the status does not allow it. */
export function setCaseStatus({ caseId, ...body }: { caseId: string } & { status: CaseStatus; closing_reason?: string }): Promise<Case> {
  return apiFetch<Case>(`/cases/${encodeURIComponent(caseId)}/status`, { method: 'POST', body });
}

export function useSetCaseStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setCaseStatus,
    onSuccess: (c, { caseId }) => {
      if (c && typeof c === 'object' && 'members' in c) qc.setQueryData(caseKey(caseId), c);
      return qc.invalidateQueries({ queryKey: caseKey(caseId) });
    },
  });
}
