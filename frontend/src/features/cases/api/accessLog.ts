import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { AccessLogItem } from '@/lib/types';
import { caseKey } from './case';

/** GET /cases/{id}/access-log: who read or changed the case, on what basis (the lead only). */
export function getAccessLog(caseId: string, signal?: AbortSignal): Promise<List<AccessLogItem>> {
  return apiFetch<List<AccessLogItem>>(`/cases/${encodeURIComponent(caseId)}/access-log`, { signal, query: { limit: 200 } });
}

export const accessLogQuery = (caseId: string) => queryOptions({ queryKey: [...caseKey(caseId), 'access-log'], queryFn: ({ signal }) => getAccessLog(caseId, signal) });

/** Only asked for the lead: for anyone else the answer is a 403, which is not an error to show. */
export function useAccessLog(caseId: string, enabled: boolean) {
  return useQuery({ ...accessLogQuery(caseId), enabled });
}
