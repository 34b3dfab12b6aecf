import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Escalation } from './escalation';
import { escalationKey } from './keys';

/** PUT /agencies/{id}/escalation {step_minutes}: 1 to 240 (422 step_minutes); 403 unless a team lead of the agency or an admin. */
export function setEscalation({ agencyId, step_minutes }: { agencyId: string; step_minutes: number }): Promise<Escalation> {
  return apiFetch<Escalation>(`/agencies/${encodeURIComponent(agencyId)}/escalation`, { method: 'PUT', body: { step_minutes } });
}

export function useSetEscalation() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: setEscalation, onSuccess: (e, v) => qc.setQueryData(escalationKey(v.agencyId), e) });
}
