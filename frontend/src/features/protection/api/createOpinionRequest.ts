import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { OpinionRequest } from '../types';
import { opinionRequestsKey } from './opinionRequests';

export type NewOpinionRequest = { to_agency_id: string; question: string; assessment_id?: string };

/**
 * POST /cases/{id}/opinion-requests, by the police liaison: 201 with the request, due to the
 * police in 8 hours and to the prosecutor in 24; the CSR's users are alerted. 422 names
 * to_agency_id (a CSR), question or assessment_id.
 */
export function createOpinionRequest({ caseId, ...body }: NewOpinionRequest & { caseId: string }): Promise<OpinionRequest> {
  return apiFetch<OpinionRequest>(`/cases/${encodeURIComponent(caseId)}/opinion-requests`, { method: 'POST', body });
}

export function useCreateOpinionRequest(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewOpinionRequest) => createOpinionRequest({ caseId, ...body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: opinionRequestsKey(caseId) }),
  });
}
