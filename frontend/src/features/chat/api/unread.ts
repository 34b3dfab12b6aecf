import { queryOptions, useQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { CaseSummary } from '@/lib/types';
import { caseListsKey, unreadKey } from './keys';

/** How many messages of a case the user has not read: GET /cases/{id}/messages/unread. */
export async function getUnread(caseId: string, signal?: AbortSignal): Promise<number> {
  const out = await apiFetch<{ unread: number }>(`/cases/${encodeURIComponent(caseId)}/messages/unread`, { signal });
  return out.unread;
}

export const unreadQuery = (caseId: string) => queryOptions({ queryKey: unreadKey(caseId), queryFn: ({ signal }) => getUnread(caseId, signal), staleTime: 30_000 });

export function useUnread(caseId: string) {
  return useQuery(unreadQuery(caseId));
}

/** After reading the chat: no unread messages, on the tab and in the cached case lists. */
export function clearUnread(qc: QueryClient, caseId: string) {
  qc.setQueryData(unreadKey(caseId), 0);
  qc.setQueriesData<InfiniteData<List<CaseSummary>>>({ queryKey: caseListsKey }, (old) => {
    if (!old?.pages) return old;
    if (!old.pages.some((p) => p.items.some((c) => String(c.id) === caseId && c.unread))) return old;
    return { ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.map((c) => (String(c.id) === caseId ? { ...c, unread: 0 } : c)) })) };
  });
}
