import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Message } from '../types';
import { searchKey } from './keys';

/** GET /cases/{id}/messages?q=: messages whose text contains q, whatever the script (Cyrillic or Latin) and diacritics. */
export function searchMessages(caseId: string, q: string, signal?: AbortSignal): Promise<List<Message>> {
  return apiFetch<List<Message>>(`/cases/${encodeURIComponent(caseId)}/messages`, { signal, query: { q, limit: 100 } });
}

export const searchQuery = (caseId: string, q: string) =>
  queryOptions({ queryKey: searchKey(caseId, q), queryFn: ({ signal }) => searchMessages(caseId, q, signal), enabled: q.trim() !== '' });

export function useSearchMessages(caseId: string, q: string) {
  return useQuery(searchQuery(caseId, q));
}
