import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { ViolenceReport } from '../types';
import { violenceReportsKey } from './violenceReports';

export const violenceReportKey = (id: string) => [...violenceReportsKey, 'detail', id] as const;

/** GET /violence-reports/{id}: for the receiving agency and the readers of the case; 404 for anyone else. */
export function getViolenceReport(id: string, signal?: AbortSignal): Promise<ViolenceReport> {
  return apiFetch<ViolenceReport>(`/violence-reports/${encodeURIComponent(id)}`, { signal });
}

export const violenceReportQuery = (id: string) => queryOptions({ queryKey: violenceReportKey(id), queryFn: ({ signal }) => getViolenceReport(id, signal) });

export function useViolenceReport(id: string) {
  return useQuery(violenceReportQuery(id));
}
