import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { ChatRead } from '../types';
import { readsKey } from './keys';

/** GET /cases/{id}/messages/reads: how far each member has read ("seen by"). */
export function getReads(caseId: string, signal?: AbortSignal): Promise<List<ChatRead>> {
  return apiFetch<List<ChatRead>>(`/cases/${encodeURIComponent(caseId)}/messages/reads`, { signal });
}

export const readsQuery = (caseId: string) =>
  queryOptions({ queryKey: readsKey(caseId), queryFn: ({ signal }) => getReads(caseId, signal), staleTime: Infinity, refetchOnWindowFocus: false });

export function useReads(caseId: string) {
  return useQuery(readsQuery(caseId));
}

/** A live `read` frame: the marker only moves forward. */
export function storeRead(qc: QueryClient, caseId: string, userId: string, seq: number, name: string) {
  qc.setQueryData<List<ChatRead>>(readsKey(caseId), (old) => {
    const items = old?.items ?? [];
    const had = items.find((r) => r.user_id === userId);
    if (had && had.last_seq >= seq) return old;
    const next: ChatRead = { user_id: userId, display_name: had?.display_name ?? name, last_seq: seq, at: new Date().toISOString() };
    return { items: [next, ...items.filter((r) => r.user_id !== userId)], next_cursor: old?.next_cursor ?? null };
  });
}
