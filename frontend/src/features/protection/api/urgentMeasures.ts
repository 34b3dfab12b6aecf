import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { UrgentMeasure } from '../types';
import { protectionKey } from './keys';

export const urgentMeasuresKey = (caseId: string) => [...protectionKey, 'measures', caseId] as const;

/** GET /cases/{id}/urgent-measures: the case's measures, newest first, with appeals and timeline. */
export function getUrgentMeasures(caseId: string, signal?: AbortSignal): Promise<List<UrgentMeasure>> {
  return apiFetch<List<UrgentMeasure>>(`/cases/${encodeURIComponent(caseId)}/urgent-measures`, { signal });
}

// Expiry is recorded by the server on its own (every 30 s): read again now and then.
export const urgentMeasuresQuery = (caseId: string) =>
  queryOptions({ queryKey: urgentMeasuresKey(caseId), queryFn: ({ signal }) => getUrgentMeasures(caseId, signal), refetchInterval: 5 * 60_000 });

export function useUrgentMeasures(caseId: string) {
  return useQuery(urgentMeasuresQuery(caseId));
}
