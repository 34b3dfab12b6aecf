import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { ViolenceReport } from '../types';
import { caseViolenceReportsKey } from './caseViolenceReports';
import { violenceReportKey } from './violenceReport';
import { violenceReportsKey } from './violenceReports';

/** POST /violence-reports/{id}/acknowledge, by a user of the receiving agency: 200; 409 when acknowledged already. */
export function acknowledgeViolenceReport(id: string): Promise<ViolenceReport> {
  return apiFetch<ViolenceReport>(`/violence-reports/${encodeURIComponent(id)}/acknowledge`, { method: 'POST' });
}

export function useAcknowledgeViolenceReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: acknowledgeViolenceReport,
    onSuccess: (r) => {
      qc.setQueryData(violenceReportKey(r.id), r);
      void qc.invalidateQueries({ queryKey: violenceReportsKey });
      void qc.invalidateQueries({ queryKey: caseViolenceReportsKey(r.case_id) });
      // The alert about the report is resolved with it.
      void qc.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
}
