import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

export type EmergencyAccessGranted = { id: string; expires_at: string };

/** POST /cases/{id}/emergency-access {reason}: read access for a few hours, logged and reviewed. */
export function requestEmergencyAccess({ caseId, reason }: { caseId: string; reason: string }): Promise<EmergencyAccessGranted> {
  return apiFetch<EmergencyAccessGranted>(`/cases/${encodeURIComponent(caseId)}/emergency-access`, { method: 'POST', body: { reason } });
}

export function useRequestEmergencyAccess() {
  const qc = useQueryClient();
  // The case (perhaps remembered as "not found") must be fetched again.
  return useMutation({ mutationFn: requestEmergencyAccess, onSuccess: () => qc.removeQueries({ queryKey: ['cases'] }) });
}
