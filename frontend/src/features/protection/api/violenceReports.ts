import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { ViolenceReport } from '../types';
import { protectionKey } from './keys';

export const violenceReportsKey = [...protectionKey, 'reports'] as const;

/** GET /violence-reports: the reports sent to the caller's agency, unacknowledged first. */
export function getViolenceReports(signal?: AbortSignal): Promise<List<ViolenceReport>> {
  return apiFetch<List<ViolenceReport>>('/violence-reports', { signal });
}

export const violenceReportsQuery = () =>
  queryOptions({ queryKey: [...violenceReportsKey, 'inbox'] as const, queryFn: ({ signal }) => getViolenceReports(signal), refetchInterval: 2 * 60_000 });

export function useViolenceReports() {
  return useQuery(violenceReportsQuery());
}
