import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { ViolenceReport } from '../types';
import { violenceReportsKey } from './violenceReports';

/** GET /coordination-groups/{id}/unacknowledged-reports: for the group's chair, the area's reports nobody has acknowledged, oldest first. */
export function getUnacknowledgedReports(groupId: string, signal?: AbortSignal): Promise<List<ViolenceReport>> {
  return apiFetch<List<ViolenceReport>>(`/coordination-groups/${encodeURIComponent(groupId)}/unacknowledged-reports`, { signal });
}

export const unacknowledgedReportsQuery = (groupId: string) =>
  queryOptions({ queryKey: [...violenceReportsKey, 'unacknowledged', groupId] as const, queryFn: ({ signal }) => getUnacknowledgedReports(groupId, signal) });

export function useUnacknowledgedReports(groupId: string) {
  return useQuery(unacknowledgedReportsQuery(groupId));
}
