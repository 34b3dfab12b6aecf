import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { OpinionRequest } from '../types';
import { protectionKey } from './keys';

export const opinionRequestsKey = (caseId: string) => [...protectionKey, 'opinions', caseId] as const;

/** GET /cases/{id}/opinion-requests: the requests for the CSR's opinion on the case, newest first. */
export function getOpinionRequests(caseId: string, signal?: AbortSignal): Promise<List<OpinionRequest>> {
  return apiFetch<List<OpinionRequest>>(`/cases/${encodeURIComponent(caseId)}/opinion-requests`, { signal });
}

export const opinionRequestsQuery = (caseId: string) =>
  queryOptions({ queryKey: opinionRequestsKey(caseId), queryFn: ({ signal }) => getOpinionRequests(caseId, signal) });

export function useOpinionRequests(caseId: string) {
  return useQuery(opinionRequestsQuery(caseId));
}
