import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { ViolenceReport } from '../types';
import { caseViolenceReportsKey } from './caseViolenceReports';

export type NewViolenceReport = { to_agency_id: string; body: string };

/**
 * POST /cases/{id}/violence-reports: a report of known or suspected domestic violence to a
 * police station or a prosecutor's office; 201, sent_at is the server's. 422 names
 * to_agency_id or body; 403 under emergency access.
 */
export function sendViolenceReport({ caseId, ...body }: NewViolenceReport & { caseId: string }): Promise<ViolenceReport> {
  return apiFetch<ViolenceReport>(`/cases/${encodeURIComponent(caseId)}/violence-reports`, { method: 'POST', body });
}

export function useSendViolenceReport(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewViolenceReport) => sendViolenceReport({ caseId, ...body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: caseViolenceReportsKey(caseId) }),
  });
}
