import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { OpinionRequest } from '../types';
import { protectionKey } from './keys';

export const opinionRequestKey = (id: string) => [...protectionKey, 'opinion', id] as const;

/** GET /opinion-requests/{id}: for the CSR it was sent to and the readers of its case; 404 for anyone else. */
export function getOpinionRequest(id: string, signal?: AbortSignal): Promise<OpinionRequest> {
  return apiFetch<OpinionRequest>(`/opinion-requests/${encodeURIComponent(id)}`, { signal });
}

export const opinionRequestQuery = (id: string) => queryOptions({ queryKey: opinionRequestKey(id), queryFn: ({ signal }) => getOpinionRequest(id, signal) });

export function useOpinionRequest(id: string) {
  return useQuery(opinionRequestQuery(id));
}
