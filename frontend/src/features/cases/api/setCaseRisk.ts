import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Case, RiskLevel } from '@/lib/types';
import { caseKey } from './case';

/** POST /cases/{id}/risk {risk_level, reason}: any member, with the team's reason. */
export function setCaseRisk({ caseId, ...body }: { caseId: string } & { risk_level: RiskLevel; reason: string }): Promise<Case> {
  return apiFetch<Case>(`/cases/${encodeURIComponent(caseId)}/risk`, { method: 'POST', body });
}

export function useSetCaseRisk() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setCaseRisk,
    onSuccess: (c, { caseId }) => {
      if (c && typeof c === 'object' && 'members' in c) qc.setQueryData(caseKey(caseId), c);
      return qc.invalidateQueries({ queryKey: caseKey(caseId) });
    },
  });
}
