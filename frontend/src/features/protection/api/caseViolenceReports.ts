import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { ViolenceReport } from '../types';
import { protectionKey } from './keys';

export const caseViolenceReportsKey = (caseId: string) => [...protectionKey, 'caseReports', caseId] as const;

/** GET /cases/{id}/violence-reports: the reports made from the case, newest first. */
export function getCaseViolenceReports(caseId: string, signal?: AbortSignal): Promise<List<ViolenceReport>> {
  return apiFetch<List<ViolenceReport>>(`/cases/${encodeURIComponent(caseId)}/violence-reports`, { signal });
}

export const caseViolenceReportsQuery = (caseId: string) =>
  queryOptions({ queryKey: caseViolenceReportsKey(caseId), queryFn: ({ signal }) => getCaseViolenceReports(caseId, signal) });

export function useCaseViolenceReports(caseId: string) {
  return useQuery(caseViolenceReportsQuery(caseId));
}
